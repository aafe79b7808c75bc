package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import io.daas.builder.config.UnpackLimits;

/**
 * Counts entries, unpacked bytes and every inflated byte against the limits, so a bomb stops
 * having written and inflated little, wherever in the archive its data hides.
 */
final class UnpackBudget {

    /** Below this many unpacked bytes the ratio is not checked: small repetitive files compress wildly. */
    static final long RATIO_FLOOR = 16L * 1024 * 1024;

    /** Inflated bytes allowed per entry beyond the files' content: its header, padding and a small PAX header. */
    static final long OVERHEAD_PER_ENTRY = 2048;

    private final UnpackLimits limits;
    private int entries;
    private long unpacked;
    private long inflated;
    private String lastEntry;

    UnpackBudget(UnpackLimits limits) {
        this.limits = limits;
    }

    int maxEntries() {
        return limits.maxEntries();
    }

    void countEntry(BundleEntry entry) {
        lastEntry = entry.name();
        if (++entries > limits.maxEntries()) {
            throw new InvalidBundleException("Bundle has more than " + limits.maxEntries()
                    + " entries (MAX_BUNDLE_ENTRIES); stopped at entry '" + entry.name()
                    + "'. Leave out dependency and build folders such as node_modules");
        }
    }

    /** Refuses an entry whose declared size alone would pass the limit, before any byte is written. */
    void declare(BundleEntry entry) {
        if (entry.size() > limits.maxUnpackedSize() - unpacked) {
            throw tooLarge(entry);
        }
    }

    /** Counts {@code n} more unpacked bytes of the entry; call before writing them. */
    void add(BundleEntry entry, int n, long compressedBytesRead) {
        unpacked += n;
        if (unpacked > limits.maxUnpackedSize()) {
            throw tooLarge(entry);
        }
        if (pastRatio(unpacked, compressedBytesRead)) {
            throw new InvalidBundleException("Bundle entry '" + entry.name() + "' unpacks to more than "
                    + limits.maxCompressionRatio() + " times the size of the archive (MAX_COMPRESSION_RATIO);"
                    + " the bundle looks like a compression bomb");
        }
    }

    /**
     * Counts {@code n} more bytes out of the decompressor, wherever they sit in the archive: file
     * data, but also headers, data of links and skipped entries, padding and bytes after the end
     * of the archive, none of which any file holds.
     */
    void inflated(long n, long compressedBytesRead) {
        inflated += n;
        long max = limits.maxUnpackedSize() + OVERHEAD_PER_ENTRY * (entries + 1L) + 1024 * 1024;
        if (inflated > max) {
            throw new InvalidBundleException("Bundle inflates to more than " + max + " bytes (MAX_UNPACKED_SIZE"
                    + " and " + OVERHEAD_PER_ENTRY + " bytes of headers per entry), counting data that no file"
                    + " uses (after a link entry, or after the end of the archive); stopped "
                    + where() + ". Make the bundle smaller");
        }
        if (pastRatio(inflated, compressedBytesRead)) {
            throw new InvalidBundleException("Bundle inflates to more than " + limits.maxCompressionRatio()
                    + " times the size of the archive (MAX_COMPRESSION_RATIO), counting data that no file uses;"
                    + " stopped " + where() + ": the bundle looks like a compression bomb");
        }
    }

    private boolean pastRatio(long bytes, long compressedBytesRead) {
        return bytes > RATIO_FLOOR && bytes > (long) limits.maxCompressionRatio() * Math.max(1, compressedBytesRead);
    }

    private String where() {
        return lastEntry == null ? "before its first entry" : "at entry '" + lastEntry + "'";
    }

    private InvalidBundleException tooLarge(BundleEntry entry) {
        return new InvalidBundleException("Bundle entry '" + entry.name() + "' takes the unpacked bundle past "
                + limits.maxUnpackedSize() + " bytes (MAX_UNPACKED_SIZE); make the bundle smaller");
    }
}
