package io.daas.builder.engine.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams a build context to the engine as a tar, leaving out what .dockerignore excludes, and
 * stops when the context passes its size cap. Files keep their permission bits (never setuid,
 * setgid or sticky), symlinks stay symlinks, a file's further hard links go as tar hard links, and
 * names go as they are on disk (a backslash is part of a name on Linux, never a separator).
 */
public final class ContextTar {

    private final Path root;
    private final String dockerfile;
    private final long maxBytes;
    private final DockerIgnore ignores;
    /** Files with more than one link that are already in the tar, by inode: later names link to them. */
    private final Map<Object, String> linked = new HashMap<>();

    private long written;

    public ContextTar(Path root, String dockerfile, long maxBytes) throws IOException {
        this.root = root;
        this.dockerfile = dockerfile;
        this.maxBytes = maxBytes;
        this.ignores = DockerIgnore.of(root);
    }

    /** Writes the tar (uncompressed: the engine reads it faster) to {@code out} and closes it. */
    public void writeTo(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 64 * 1024)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        String name = relative(dir);
                        if (ignores.excludes(name, dockerfile)) {
                            // Docker walks an excluded folder when an exception names something inside it
                            return ignores.mayHoldException(name)
                                    ? FileVisitResult.CONTINUE
                                    : FileVisitResult.SKIP_SUBTREE;
                        }
                        addDirectory(tar, dir, name + "/");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = relative(file);
                    if (!ignores.excludes(name, dockerfile)) {
                        if (attrs.isSymbolicLink()) {
                            addSymlink(tar, file, name);
                        } else if (attrs.isRegularFile()) {
                            addFile(tar, file, name, attrs);
                        }
                        // anything else (a socket, a fifo) cannot come from a bundle and is left out
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            tar.finish();
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString();
    }

    private void addDirectory(TarArchiveOutputStream tar, Path dir, String name) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_DIR, dir);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | permissions(dir));
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private void addSymlink(TarArchiveOutputStream tar, Path link, String name) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, link);
        entry.setLinkName(Files.readSymbolicLink(link).toString());
        entry.setMode(0120777);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private void addFile(TarArchiveOutputStream tar, Path file, String name, BasicFileAttributes attrs)
            throws IOException {
        Object inode = attrs.fileKey();
        String first = inode == null || links(file) < 2 ? null : linked.putIfAbsent(inode, name);
        if (first != null) {
            TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, file);
            entry.setLinkName(first);
            entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | permissions(file));
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return;
        }
        TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, file);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | permissions(file));
        entry.setSize(attrs.size());
        written += attrs.size();
        if (maxBytes > 0 && written > maxBytes) {
            throw new ContextTooLargeException(maxBytes);
        }
        tar.putArchiveEntry(entry);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            // exactly the declared size, even if the file changed since it was listed
            long copied = in.transferTo(new BoundedOutputStream(tar, attrs.size()));
            if (copied < attrs.size()) {
                throw new IOException("Build context file '" + name + "' shrank while it was sent");
            }
        }
        tar.closeArchiveEntry();
    }

    /** An entry owned by root (the engine gives context files to root anyway), with the file's time. */
    private static TarArchiveEntry entry(String name, byte type, Path path) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
        return entry;
    }

    /** rwx bits for owner, group and others, as on disk; setuid, setgid and sticky are never sent. */
    private static int permissions(Path path) throws IOException {
        int bits = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            bits |= 0400 >> p.ordinal();
        }
        return bits;
    }

    private static int links(Path file) throws IOException {
        return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
    }
}
