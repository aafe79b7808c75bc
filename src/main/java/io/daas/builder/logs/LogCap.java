package io.daas.builder.logs;

import java.nio.charset.StandardCharsets;

/**
 * A build log's budget: each line cut at {@link #MAX_LINE_CHARS}, at most {@code maxBytes} in all,
 * then one truncation marker and nothing more. Used under its log's lock; read without it.
 */
final class LogCap {

    static final int MAX_LINE_CHARS = 16 * 1024;

    private final long maxBytes;
    private volatile long bytes;
    private volatile boolean truncated;

    LogCap(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The line as kept (cut, or the truncation marker once the budget is spent), or null past the marker. */
    String admit(String line) {
        if (truncated) {
            return null;
        }
        String kept = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " [line cut]" : line;
        long size = kept.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (bytes + size > maxBytes) {
            truncated = true;
            kept = "[daas] log truncated: it reached MAX_LOG_BYTES (" + maxBytes
                    + " bytes); later output is not kept, the build goes on";
            size = kept.length() + 1L;
        }
        bytes += size;
        return kept;
    }

    long bytes() {
        return bytes;
    }

    boolean truncated() {
        return truncated;
    }
}
