package io.daas.builder.engine.context;

import com.github.dockerjava.core.GoLangFileMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A context's .dockerignore as Docker applies it: the patterns apply in order, each matching a path
 * or a folder above it, and the last one that matches decides; {@code !pattern} is an exception
 * that puts the path back (https://docs.docker.com/build/concepts/context/#dockerignore-files).
 */
final class DockerIgnore {

    private final List<String> patterns;

    private DockerIgnore(List<String> patterns) {
        this.patterns = patterns;
    }

    /** The .dockerignore at the root of the context, or one that excludes nothing. */
    static DockerIgnore of(Path root) throws IOException {
        Path file = root.resolve(".dockerignore");
        return new DockerIgnore(
                Files.isRegularFile(file)
                        ? Files.readAllLines(file).stream()
                                .map(String::trim)
                                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                                .map(DockerIgnore::normalised)
                                .filter(l -> !l.isEmpty() && !l.equals("!"))
                                .toList()
                        : List.of());
    }

    /** Whether the path {@code name} is left out; the Dockerfile and .dockerignore never are. */
    boolean excludes(String name, String dockerfile) {
        if (patterns.isEmpty() || name.equals(dockerfile) || name.equals(".dockerignore")) {
            return false;
        }
        boolean excluded = false;
        for (String line : patterns) {
            boolean exception = line.startsWith("!");
            if (GoLangFileMatch.match(exception ? line.substring(1) : line, name)) {
                excluded = !exception;
            }
        }
        return excluded;
    }

    /** Whether an exception pattern names a path inside the excluded folder {@code dir}, as Docker checks. */
    boolean mayHoldException(String dir) {
        String inside = dir + "/";
        return patterns.stream()
                .filter(l -> l.startsWith("!"))
                .anyMatch(l -> (l.substring(1) + "/").startsWith(inside));
    }

    /** A pattern as Docker cleans it: trimmed, without a leading or trailing slash, exceptions kept. */
    static String normalised(String line) {
        boolean exception = line.startsWith("!");
        String pattern = exception ? line.substring(1).trim() : line;
        while (pattern.startsWith("/")) {
            pattern = pattern.substring(1);
        }
        while (pattern.endsWith("/")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        return exception ? "!" + pattern : pattern;
    }
}
