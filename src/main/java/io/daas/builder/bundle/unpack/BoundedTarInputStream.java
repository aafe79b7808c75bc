package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Commons Compress' tar reader with bounds on what it reads into memory: Commons reads a PAX
 * header or a GNU long name whole, whatever size its header declares, so a 700 MiB {@code path=}
 * would take 700 MiB of heap. Here such a header is refused by its declared size before any of it
 * is read, and all header bytes of one entry pass through a window of {@link #MAX_HEADER_BYTES}.
 */
final class BoundedTarInputStream extends TarArchiveInputStream {

    /** All header bytes of one entry: its PAX headers, long names and sparse map together. */
    static final int MAX_HEADER_BYTES = 256 * 1024;
    /** A name or link target: far past Linux' PATH_MAX (4096), so no real bundle comes near. */
    static final int MAX_NAME_BYTES = 64 * 1024;
    /** Header records, padding and the end-of-archive blocks read alongside the headers. */
    private static final int RECORD_SLACK = 16 * 1024;

    private final InflatedStream in;
    private final byte[] scratch = new byte[64 * 1024];
    private int depth;
    private long globalHeaderBytes;
    private TarArchiveEntry checked;
    private String lastName;

    BoundedTarInputStream(InflatedStream in) {
        super(in);
        this.in = in;
    }

    /** Commons calls this again from inside itself after each PAX or long-name header: only the outer call opens the window. */
    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        boolean outer = depth == 0;
        if (outer) {
            if (getCurrentEntry() != null) {
                // the rest of the current entry's data is data, not header: counted, outside the window
                while (skip(Long.MAX_VALUE) > 0) {
                    // skip returns what is left of the entry at most
                }
            }
            in.openHeaderWindow(MAX_HEADER_BYTES + RECORD_SLACK, context());
        }
        depth++;
        try {
            TarArchiveEntry entry = super.getNextEntry();
            if (outer && entry != null) {
                lastName = entry.getName();
            }
            return entry;
        } finally {
            depth--;
            if (outer) {
                in.closeHeaderWindow();
            }
        }
    }

    @Override
    public int read(byte[] buf, int offset, int numToRead) throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != null && current != checked) {
            checked = current;
            checkHeaderSize(current);
        }
        return super.read(buf, offset, numToRead);
    }

    /** Skips by reading into one buffer: Commons' skip takes a new buffer for every few KiB skipped. */
    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Refuses a PAX header or long name by the size its header declares, before Commons reads it into memory. */
    private void checkHeaderSize(TarArchiveEntry header) {
        String kind;
        long max = MAX_HEADER_BYTES;
        if (header.isGNULongNameEntry() || header.isGNULongLinkEntry()) {
            kind = header.isGNULongNameEntry() ? "GNU long name" : "GNU long link target";
            max = MAX_NAME_BYTES;
        } else if (header.isGlobalPaxHeader()) {
            kind = "global PAX header";
            globalHeaderBytes += header.getSize();
            if (globalHeaderBytes > MAX_HEADER_BYTES) {
                throw new InvalidBundleException("Bundle has global PAX headers of more than " + MAX_HEADER_BYTES
                        + " bytes in all " + context() + "; the archive is broken or hostile");
            }
        } else if (header.isPaxHeader()) {
            kind = "PAX extended header";
        } else {
            return;
        }
        if (header.getSize() > max) {
            throw new InvalidBundleException("Bundle has a " + kind + " of " + header.getSize() + " bytes "
                    + context() + ", more than the " + max + " accepted; such headers hold a name and a few"
                    + " attributes, so the archive is broken or hostile. Make it again with tar -czf");
        }
    }

    private String context() {
        return lastName == null ? "before its first entry" : "after entry '" + lastName + "'";
    }
}
