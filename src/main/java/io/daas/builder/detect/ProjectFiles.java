package io.daas.builder.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Read-only view of an unpacked bundle: paths are relative, symlinks are not followed. */
public final class ProjectFiles {

    private static final long MAX_READ = 1024 * 1024;
    private static final Set<String> SKIPPED_DIRS =
            Set.of(".git", "node_modules", "target", "vendor", ".venv", "venv", "build", "dist", "bin", "obj");

    private final Path root;

    public ProjectFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The path inside the bundle; one that climbs out (a "../" from a manifest) resolves to nothing. */
    private Path resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        return path.startsWith(root) ? path : root.resolve(".outside-of-the-bundle");
    }

    /** Symlinked folders can still lead out; reads check where the file really is. */
    private boolean inside(Path file) throws IOException {
        return file.toRealPath().startsWith(root.toRealPath());
    }

    public boolean exists(String relative) {
        return Files.exists(resolve(relative), LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isFile(String relative) {
        return Files.isRegularFile(resolve(relative), LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isDirectory(String relative) {
        return Files.isDirectory(resolve(relative), LinkOption.NOFOLLOW_LINKS);
    }

    /** The first of the given paths that is a file, if any. */
    public Optional<String> first(String... relatives) {
        for (String relative : relatives) {
            if (isFile(relative)) {
                return Optional.of(relative);
            }
        }
        return Optional.empty();
    }

    /** A file's text (UTF-8, at most 1 MiB), or empty when it is missing or unreadable. */
    public Optional<String> read(String relative) {
        Path file = resolve(relative);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_READ || !inside(file)) {
                return Optional.empty();
            }
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The first line of a file with surrounding space removed, or empty. */
    public Optional<String> firstLine(String relative) {
        return read(relative)
                .flatMap(text -> text.lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .findFirst());
    }

    /** Names of the entries directly under a directory ("" for the root), sorted. */
    public List<String> list(String directory) {
        Path dir = directory.isEmpty() ? root : resolve(directory);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /**
     * Relative paths (with '/') of files whose name ends with the suffix, at most maxDepth levels
     * down, skipping dependency and output folders; sorted, shallowest first.
     */
    public List<String> findBySuffix(String suffix, int maxDepth) {
        List<String> found = new ArrayList<>();
        walk("", suffix, maxDepth, found);
        found.sort((a, b) -> {
            int depth = Long.compare(
                    a.chars().filter(c -> c == '/').count(),
                    b.chars().filter(c -> c == '/').count());
            return depth != 0 ? depth : a.compareTo(b);
        });
        return found;
    }

    private void walk(String directory, String suffix, int depthLeft, List<String> found) {
        for (String name : list(directory)) {
            String relative = directory.isEmpty() ? name : directory + "/" + name;
            if (isDirectory(relative)) {
                if (depthLeft > 0 && !SKIPPED_DIRS.contains(name) && !name.startsWith(".")) {
                    walk(relative, suffix, depthLeft - 1, found);
                }
            } else if (name.endsWith(suffix) && isFile(relative)) {
                found.add(relative);
            }
        }
    }
}
