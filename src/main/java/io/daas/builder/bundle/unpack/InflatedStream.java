package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The decompressor's output, as the tar reader sees it: every byte read or skipped is counted
 * against the {@link UnpackBudget}, and while a header window is open (the tar reader reading the
 * headers of one entry) at most a fixed number of bytes may pass, so that PAX headers, GNU long
 * names and sparse maps cannot fill the memory.
 */
final class InflatedStream extends FilterInputStream {

    private final UnpackBudget budget;
    private final LongSupplier compressedBytesRead;
    private final byte[] scratch = new byte[64 * 1024];
    private long headerBytesLeft = -1;
    private String headerContext;

    InflatedStream(InputStream in, UnpackBudget budget, LongSupplier compressedBytesRead) {
        super(in);
        this.budget = budget;
        this.compressedBytesRead = compressedBytesRead;
    }

    /** From now on at most {@code limit} bytes may pass until {@link #closeHeaderWindow()}. */
    void openHeaderWindow(long limit, String context) {
        headerBytesLeft = limit;
        headerContext = context;
    }

    void closeHeaderWindow() {
        headerBytesLeft = -1;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    /** Skips by reading, so that skipped bytes are inflated, counted and checked like any other. */
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

    /** Reads what is left after the archive's end, counting it: data hidden there costs as much as any. */
    void drain() throws IOException {
        while (read(scratch, 0, scratch.length) >= 0) {
            // counted in read
        }
    }

    private void counted(int n) {
        if (headerBytesLeft >= 0) {
            headerBytesLeft -= n;
            if (headerBytesLeft < 0) {
                throw new InvalidBundleException("Bundle has more than " + BoundedTarInputStream.MAX_HEADER_BYTES
                        + " bytes of tar headers (PAX extended headers, GNU long names, sparse maps) "
                        + headerContext + "; such headers hold a name and a few attributes, the archive is"
                        + " broken or hostile. Make it again with tar -czf");
            }
        }
        budget.inflated(n, compressedBytesRead.getAsLong());
    }
}
