package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;

/** The .dockerignore written next to a generated Dockerfile when the bundle has none. */
final class DockerIgnore {

    private static final List<String> COMMON = List.of(".git", ".hg", ".svn", ".idea", ".vscode", ".DS_Store", "*.log");

    private DockerIgnore() {}

    /** The common entries plus the language's own build output and dependency folders. */
    static String with(String... extra) {
        List<String> lines = new ArrayList<>(COMMON);
        lines.addAll(List.of(extra));
        return String.join("\n", lines) + "\n";
    }
}
