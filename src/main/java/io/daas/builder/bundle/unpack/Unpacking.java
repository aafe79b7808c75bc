package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import io.daas.builder.config.UnpackLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * One pass over an archive: every entry is checked against {@link BundleTree} and
 * {@link UnpackBudget}, then written under the target (or only read, to validate). Files and
 * folders keep the archive's permission bits (the owner may always read a file, and read, write
 * and enter a folder, so the service can send and remove them); setuid, setgid and sticky bits are
 * never carried over. Entries without a mode (zips made on Windows) get 0644 and 0755.
 */
public final class Unpacking {

    private static final int DEFAULT_FILE = 0644;
    private static final int DEFAULT_FOLDER = 0755;

    private final ArchiveReader reader;
    private final ArchiveFormat format;
    private final Path target;
    private final UnpackBudget budget;
    private final BundleTree tree = new BundleTree();
    private final byte[] buffer = new byte[64 * 1024];
    private String lastEntry;

    /** With a null target nothing is written: the archive is only checked. */
    Unpacking(ArchiveReader reader, ArchiveFormat format, Path target, UnpackBudget budget) {
        this.reader = reader;
        this.format = format;
        this.target = target;
        this.budget = budget;
    }

    /**
     * Reads the archive (its format told by its bytes) within the limits and unpacks it under
     * {@code target}, or only checks it when the target is null.
     */
    public static void unpack(Path archive, Path target, UnpackLimits limits) throws IOException {
        ArchiveFormat format = ArchiveFormat.detect(archive);
        UnpackBudget budget = new UnpackBudget(limits);
        try (ArchiveReader reader = format.open(archive, budget)) {
            new Unpacking(reader, format, target, budget).run();
        }
    }

    void run() {
        BundleEntry entry;
        while ((entry = nextEntry()) != null) {
            lastEntry = entry.name();
            budget.countEntry(entry);
            String path = EntryNames.normalize(entry.name());
            if (path.isEmpty()) {
                if (entry.type() == BundleEntry.Type.DIRECTORY) {
                    continue; // "./": the bundle's root itself
                }
                throw new InvalidBundleException("Bundle entry '" + entry.name() + "' has an empty name");
            }
            BundleTree.Placement placement = place(path, entry);
            try {
                if (target == null) {
                    copy(entry, null);
                } else {
                    write(path, entry, placement);
                }
            } catch (IOException | RuntimeException e) {
                throw e instanceof InvalidBundleException invalid
                        ? invalid
                        : new InvalidBundleException(
                                "Bundle entry '" + entry.name() + "' could not be unpacked (" + e.getMessage() + ")",
                                e);
            }
        }
        String top = tree.singleTopFolder();
        tree.checkAllSymlinks(top);
        if (target != null && top != null) {
            unwrap(top);
        }
    }

    private BundleEntry nextEntry() {
        try {
            return reader.next();
        } catch (IOException e) {
            throw new InvalidBundleException(
                    "Bundle is not a readable " + format.label() + " archive (" + e.getMessage() + ")"
                            + (lastEntry == null ? "" : " after entry '" + lastEntry + "'"),
                    e);
        }
    }

    private BundleTree.Placement place(String path, BundleEntry entry) {
        switch (entry.type()) {
            case SPECIAL ->
                throw new InvalidBundleException("Bundle entry '" + entry.name()
                        + "' is a device, fifo or other special file; remove it from the bundle");
            case SYMLINK -> EntryNames.checkSymlinkTarget(entry);
            case HARDLINK -> tree.requireFile(EntryNames.hardLinkSource(entry), entry);
            case FILE -> budget.declare(entry);
            case DIRECTORY -> {}
        }
        BundleTree.Placement placement = tree.add(path, entry);
        if (entry.type() == BundleEntry.Type.SYMLINK) {
            tree.checkSymlink(path);
        }
        return placement;
    }

    private void write(String path, BundleEntry entry, BundleTree.Placement placement) throws IOException {
        Path file = target.resolve(path);
        if (placement == BundleTree.Placement.ALREADY_THERE) {
            setPermissions(file, folderPermissions(entry)); // a folder made earlier for a file inside it
            return;
        }
        if (placement == BundleTree.Placement.NEW_IN_NEW_FOLDER) {
            Files.createDirectories(file.getParent());
        } else if (placement == BundleTree.Placement.REPLACES) {
            Files.delete(file); // a file or a link, never followed
        }
        switch (entry.type()) {
            case DIRECTORY -> {
                Files.createDirectory(file);
                setPermissions(file, folderPermissions(entry));
            }
            case SYMLINK -> Files.createSymbolicLink(file, Path.of(entry.linkName()));
            case HARDLINK -> Files.createLink(file, target.resolve(EntryNames.hardLinkSource(entry)));
            default -> {
                // CREATE_NEW never follows a link that might sit at this path
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                    copy(entry, out);
                }
                setPermissions(file, filePermissions(entry));
            }
        }
    }

    private static int filePermissions(BundleEntry entry) {
        int bits = entry.mode() & 0777;
        return bits == 0 ? DEFAULT_FILE : bits | 0400;
    }

    private static int folderPermissions(BundleEntry entry) {
        int bits = entry.mode() & 0777;
        return bits == 0 ? DEFAULT_FOLDER : bits | 0700;
    }

    private static void setPermissions(Path path, int bits) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((bits & (0400 >> p.ordinal())) != 0) {
                permissions.add(p);
            }
        }
        Files.setPosixFilePermissions(path, permissions);
    }

    private void copy(BundleEntry entry, OutputStream out) throws IOException {
        if (entry.type() != BundleEntry.Type.FILE) {
            return;
        }
        InputStream in = reader.content();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            budget.add(entry, n, reader.compressedBytesRead());
            if (out != null) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** Moves the content of the single top folder up into the target, then removes the folder. */
    private void unwrap(String top) {
        Path temp = target.resolve(".unwrap-" + UUID.randomUUID());
        try {
            Files.move(target.resolve(top), temp);
            try (DirectoryStream<Path> children = Files.newDirectoryStream(temp)) {
                for (Path child : children) {
                    Files.move(child, target.resolve(child.getFileName().toString()));
                }
            }
            Files.delete(temp);
        } catch (IOException e) {
            throw new InvalidBundleException(
                    "Bundle could not be unwrapped from its top folder '" + top + "' (" + e.getMessage() + ")", e);
        }
    }
}
