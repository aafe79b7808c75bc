package io.daas.builder.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only permissions for the service's data, whatever the umask: folders 0700, files 0600. Bundles,
 * the H2 database and anything else under DATA_DIR hold tenants' code and build logs.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates the folder (and its parents) if need be and makes it 0700. */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
        restrict(dir, DIR);
        return dir;
    }

    /** Makes a file 0600. */
    public static void file(Path file) {
        restrict(file, FILE);
    }

    /**
     * Sets the permissions; one the service does not own (a volume mounted with a group, say) is left
     * as it is, with a warning, rather than stopping the service.
     */
    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        if (!POSIX) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // removed meanwhile
        } catch (IOException e) {
            log.warn(
                    "could not make {} owner-only ({}): give the service's user ownership of DATA_DIR",
                    path,
                    e.toString());
        }
    }

    /** Makes a folder and everything under it owner-only (links are left alone, never followed). */
    public static void tree(Path root) {
        if (!POSIX || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    restrict(dir, DIR);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        restrict(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed meanwhile (a temp file of the database)
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + root + " owner-only", e);
        }
    }
}
