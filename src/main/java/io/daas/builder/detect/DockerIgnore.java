package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;

/** The .dockerignore written next to a generated Dockerfile when the bundle has none. */
final class DockerIgnore {

    private static final List<String> COMMON = List.of(".git", ".hg", ".svn", ".idea", ".vscode", ".DS_Store", "*.log");

    private DockerIgnore() {}

    /**
     * The common entries plus the language's own build output and dependency folders. A
     * {@code **}{@code /x} entry is written as {@code x} too: docker-java's matcher, unlike the Docker
     * CLI's, does not let {@code **}{@code /} match zero folders.
     */
    static String with(String... extra) {
        List<String> lines = new ArrayList<>(COMMON);
        for (String entry : extra) {
            if (entry.startsWith("**/")) {
                lines.add(entry.substring(3));
            }
            lines.add(entry);
        }
        return String.join("\n", lines) + "\n";
    }
}
