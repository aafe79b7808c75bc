package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Reads a tar or tar.gz archive as a stream, one pass, nothing held in memory. */
final class TarReader implements ArchiveReader {

    private static final int BUFFER = 64 * 1024;

    private final CountingInputStream file;
    private final InflatedStream inflated;
    private final BoundedTarInputStream tar;

    private TarReader(CountingInputStream file, InflatedStream inflated) {
        this.file = file;
        this.inflated = inflated;
        this.tar = new BoundedTarInputStream(inflated);
    }

    /** Every byte out of the decompressor counts toward {@code budget}, wherever it sits in the archive. */
    static TarReader open(Path archive, boolean gzip, UnpackBudget budget) throws IOException {
        CountingInputStream file = new CountingInputStream(Files.newInputStream(archive));
        try {
            InputStream body = gzip
                    ? new ReadAheadInputStream(new GZIPInputStream(file, BUFFER))
                    : new BufferedInputStream(file, BUFFER);
            return new TarReader(file, new InflatedStream(body, budget, file::count));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public BundleEntry next() throws IOException {
        TarArchiveEntry e = tar.getNextEntry();
        if (e == null) {
            inflated.drain();
            return null;
        }
        checkName(e.getName(), "name", e.getName());
        if (e.isSymbolicLink() || e.isLink()) {
            checkName(e.getLinkName(), "link target", e.getName());
        }
        if (e.isSparse() && (e.isSymbolicLink() || e.isLink() || e.isDirectory())) {
            throw new InvalidBundleException("Bundle entry '" + e.getName()
                    + "' is a sparse link or folder, which no tar tool makes; the archive is broken or hostile");
        }
        return new BundleEntry(
                e.getName(), type(e), e.isSparse() ? e.getRealSize() : e.getSize(), e.getMode(), link(e));
    }

    private static void checkName(String value, String what, String entry) {
        if (value != null && value.length() > BoundedTarInputStream.MAX_NAME_BYTES) {
            throw new InvalidBundleException("Bundle entry '" + shorten(entry) + "' has a " + what
                    + " of " + value.length() + " characters, more than the "
                    + BoundedTarInputStream.MAX_NAME_BYTES + " accepted");
        }
    }

    private static String shorten(String name) {
        return name.length() <= 200 ? name : name.substring(0, 200) + "...";
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
