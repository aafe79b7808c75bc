package io.daas.builder.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a tar or tar.gz archive as a stream, one pass, nothing held in memory. */
final class TarReader implements ArchiveReader {

    private static final int BUFFER = 64 * 1024;

    private final CountingInputStream file;
    private final TarArchiveInputStream tar;

    private TarReader(CountingInputStream file, TarArchiveInputStream tar) {
        this.file = file;
        this.tar = tar;
    }

    static TarReader open(Path archive, boolean gzip) throws IOException {
        CountingInputStream file = new CountingInputStream(Files.newInputStream(archive));
        try {
            InputStream body = gzip
                    ? new ReadAheadInputStream(new GZIPInputStream(file, BUFFER))
                    : new BufferedInputStream(file, BUFFER);
            return new TarReader(file, new TarArchiveInputStream(body));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public BundleEntry next() throws IOException {
        TarArchiveEntry e = tar.getNextEntry();
        if (e == null) {
            return null;
        }
        return new BundleEntry(
                e.getName(), type(e), e.isSparse() ? e.getRealSize() : e.getSize(), e.getMode(), link(e));
    }

    private static BundleEntry.Type type(TarArchiveEntry e) {
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            return BundleEntry.Type.SPECIAL;
        } else if (e.isDirectory()) {
            return BundleEntry.Type.DIRECTORY;
        } else if (e.isSymbolicLink()) {
            return BundleEntry.Type.SYMLINK;
        } else if (e.isLink()) {
            return BundleEntry.Type.HARDLINK;
        } else if (e.isFile()) {
            return BundleEntry.Type.FILE;
        }
        return BundleEntry.Type.SPECIAL;
    }

    private static String link(TarArchiveEntry e) {
        return e.isSymbolicLink() || e.isLink() ? e.getLinkName() : null;
    }

    @Override
    public InputStream content() {
        return tar;
    }

    @Override
    public long compressedBytesRead() {
        return file.count();
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
