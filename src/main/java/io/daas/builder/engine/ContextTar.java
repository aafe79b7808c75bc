package io.daas.builder.engine;

import com.github.dockerjava.core.GoLangFileMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Streams a build context to the engine as a tar, leaving out what .dockerignore excludes, and
 * stops when the context passes its size cap.
 */
final class ContextTar {

    private final Path root;
    private final String dockerfile;
    private final long maxBytes;
    private final List<String> ignores;
    private long written;

    ContextTar(Path root, String dockerfile, long maxBytes) throws IOException {
        this.root = root;
        this.dockerfile = dockerfile;
        this.maxBytes = maxBytes;
        Path ignoreFile = root.resolve(".dockerignore");
        this.ignores = Files.isRegularFile(ignoreFile)
                ? Files.readAllLines(ignoreFile).stream()
                        .map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .map(l -> l.startsWith("/") ? l.substring(1) : l)
                        .toList()
                : List.of();
    }

    /** Writes the tar (uncompressed: the engine reads it faster) to {@code out} and closes it. */
    void writeTo(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 64 * 1024)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        String name = relative(dir);
                        if (excluded(name)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        add(tar, dir, name + "/");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = relative(file);
                    if (!excluded(name)) {
                        add(tar, file, name);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            tar.finish();
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private boolean excluded(String name) {
        if (ignores.isEmpty() || name.equals(dockerfile) || name.equals(".dockerignore")) {
            return false;
        }
        List<String> matched = GoLangFileMatch.match(ignores, name);
        return !matched.isEmpty() && !matched.get(matched.size() - 1).startsWith("!");
    }

    private void add(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path, name, LinkOption.NOFOLLOW_LINKS);
        tar.putArchiveEntry(entry);
        if (entry.isFile()) {
            written += entry.getSize();
            if (maxBytes > 0 && written > maxBytes) {
                throw new ContextTooLargeException(maxBytes);
            }
            try (InputStream in = Files.newInputStream(path)) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    /** The context passed MAX_CONTEXT_SIZE. */
    static final class ContextTooLargeException extends IOException {
        ContextTooLargeException(long max) {
            super("Build context is larger than the limit of " + max + " bytes (MAX_CONTEXT_SIZE); leave out"
                    + " build output, dependencies and data with a .dockerignore");
        }
    }
}
