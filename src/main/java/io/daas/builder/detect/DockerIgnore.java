package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;

/** The .dockerignore written next to a generated Dockerfile when the bundle has none. */
public final class DockerIgnore {

    private static final List<String> COMMON = List.of(".git", ".hg", ".svn", ".idea", ".vscode", ".DS_Store", "*.log");

    private DockerIgnore() {}

    /**
     * The common entries plus the language's own build output and dependency folders. An entry
     * written {@code **}{@code /x} matches at any depth, so it may only name what is never source
     * ({@code node_modules}, {@code __pycache__}); it is written as {@code x} too, because
     * docker-java's matcher, unlike the Docker CLI's, does not let {@code **}{@code /} match zero
     * folders. Every other entry is anchored to the project's root ({@code /target}): a nested
     * match would drop source folders such as a Java package named {@code build} or {@code target}.
     */
    public static String with(String... extra) {
        List<String> lines = new ArrayList<>(COMMON);
        for (String entry : extra) {
            if (entry.startsWith("**/")) {
                lines.add(entry.substring(3));
                lines.add(entry);
            } else {
                lines.add(entry.startsWith("/") ? entry : "/" + entry);
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
