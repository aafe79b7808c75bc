package io.daas.builder.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.stereotype.Component;

/**
 * Unpacks a bundle archive into a build's folder and nowhere else. Entries that would leave the
 * folder (absolute paths, {@code ..}, links pointing out) and special files are refused, naming
 * the entry.
 */
@Component
public class BundleExtractor {

    /** Checks that the archive unpacks safely, without writing anything. */
    public void validate(Path archive) {
        unpack(archive, null);
    }

    /** Unpacks the archive into {@code target}, which is created if needed. */
    public void extract(Path archive, Path target) {
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new InvalidBundleException("could not create " + target + ": " + e.getMessage(), e);
        }
        unpack(archive, target.toAbsolutePath().normalize());
    }

    private void unpack(Path archive, Path target) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 64 * 1024);
                TarArchiveInputStream tar = new TarArchiveInputStream(gunzip(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path relative = safeRelativePath(entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    checkLinkTarget(entry, relative);
                } else if (!entry.isDirectory() && !entry.isFile()) {
                    throw new InvalidBundleException("Bundle entry '" + entry.getName()
                            + "' is a device, fifo or other special file; remove it");
                }
                if (target != null) {
                    write(tar, entry, target, relative);
                }
            }
        } catch (IOException e) {
            throw new InvalidBundleException(
                    "Bundle is not a readable tar.gz archive (" + e.getMessage() + "); create it with tar -czf", e);
        }
    }

    private static InputStream gunzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 != 0x1f || b2 != 0x8b) {
            throw new IOException("it does not start with the gzip signature");
        }
        return new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
    }

    static Path safeRelativePath(String name) {
        if (name.startsWith("/") || name.contains("\0")) {
            throw new InvalidBundleException(
                    "Bundle entry '" + name + "' has an absolute path; paths must be relative");
        }
        Path relative = Path.of(name).normalize();
        if (relative.startsWith("..")) {
            throw new InvalidBundleException("Bundle entry '" + name + "' points outside the bundle with '..'");
        }
        return relative;
    }

    private static void checkLinkTarget(TarArchiveEntry entry, Path relative) {
        String linkName = entry.getLinkName();
        if (linkName.startsWith("/")) {
            throw new InvalidBundleException(
                    "Bundle entry '" + entry.getName() + "' links to the absolute path '" + linkName + "'");
        }
        Path base = entry.isSymbolicLink() ? relative.getParent() : null;
        Path resolved = (base == null ? Path.of(linkName) : base.resolve(linkName)).normalize();
        if (resolved.startsWith("..")) {
            throw new InvalidBundleException(
                    "Bundle entry '" + entry.getName() + "' links outside the bundle to '" + linkName + "'");
        }
    }

    private static void write(TarArchiveInputStream tar, TarArchiveEntry entry, Path target, Path relative)
            throws IOException {
        Path path = target.resolve(relative).normalize();
        if (!path.startsWith(target)) {
            throw new InvalidBundleException("Bundle entry '" + entry.getName() + "' points outside the bundle");
        }
        if (relative.toString().isEmpty()) {
            return;
        }
        Path parent = path.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(target.toRealPath())) {
            throw new InvalidBundleException(
                    "Bundle entry '" + entry.getName() + "' would be written through a link that leaves the bundle");
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
            Files.deleteIfExists(path);
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Path source = target.resolve(safeRelativePath(entry.getLinkName()));
            Files.deleteIfExists(path);
            Files.copy(source, path, LinkOption.NOFOLLOW_LINKS);
        } else {
            Files.deleteIfExists(path);
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
                tar.transferTo(out);
            }
            if ((entry.getMode() & 0111) != 0) {
                path.toFile().setExecutable(true, false);
            }
        }
    }
}
