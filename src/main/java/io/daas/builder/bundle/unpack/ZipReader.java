package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Reads a zip through its central directory, entries in the order they sit in the file. */
final class ZipReader implements ArchiveReader {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int MAX_LINK_LENGTH = 4096;

    private final ZipFile zip;
    private final Enumeration<ZipArchiveEntry> entries;
    private final long fileSize;
    private ZipArchiveEntry current;
    private InputStream currentStream;

    private ZipReader(ZipFile zip, long fileSize) {
        this.zip = zip;
        this.entries = zip.getEntriesInPhysicalOrder();
        this.fileSize = fileSize;
    }

    /** Entries are counted while ZipFile reads the central directory, before they fill the memory. */
    static ZipReader open(Path archive, UnpackBudget budget) throws IOException {
        CentralDirectoryGuard channel = new CentralDirectoryGuard(Files.newByteChannel(archive), budget.maxEntries());
        try {
            ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get();
            channel.disarm();
            return new ZipReader(zip, Files.size(archive));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public BundleEntry next() throws IOException {
        if (!entries.hasMoreElements()) {
            return null;
        }
        closeCurrent();
        current = entries.nextElement();
        int mode = current.getUnixMode();
        if (current.isUnixSymlink()) {
            return new BundleEntry(current.getName(), BundleEntry.Type.SYMLINK, 0, mode, linkTarget());
        }
        BundleEntry.Type type;
        if (current.isDirectory()) {
            type = BundleEntry.Type.DIRECTORY;
        } else if ((mode & S_IFMT) == 0 || (mode & S_IFMT) == S_IFREG) {
            type = BundleEntry.Type.FILE;
        } else if ((mode & S_IFMT) == S_IFDIR) {
            type = BundleEntry.Type.DIRECTORY;
        } else {
            type = BundleEntry.Type.SPECIAL;
        }
        return new BundleEntry(current.getName(), type, Math.max(0, current.getSize()), mode, null);
    }

    private String linkTarget() throws IOException {
        String target = new String(content().readNBytes(MAX_LINK_LENGTH), StandardCharsets.UTF_8);
        closeCurrent();
        return target;
    }

    @Override
    public InputStream content() throws IOException {
        if (!zip.canReadEntryData(current)) {
            throw new InvalidBundleException("Bundle entry '" + current.getName()
                    + "' uses a zip feature that cannot be read (encryption or an unknown compression method)");
        }
        if (currentStream == null) {
            currentStream = zip.getInputStream(current);
        }
        return currentStream;
    }

    private void closeCurrent() throws IOException {
        if (currentStream != null) {
            currentStream.close();
            currentStream = null;
        }
    }

    /** The whole file: zip entries may share compressed bytes, so only the file size is a safe measure. */
    @Override
    public long compressedBytesRead() {
        return fileSize;
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
        zip.close();
    }
}
