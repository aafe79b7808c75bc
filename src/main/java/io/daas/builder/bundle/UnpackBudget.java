package io.daas.builder.bundle;

import io.daas.builder.config.UnpackLimits;

/** Counts entries and unpacked bytes against the limits, so a bomb stops having written little. */
final class UnpackBudget {

    /** Below this many unpacked bytes the ratio is not checked: small repetitive files compress wildly. */
    static final long RATIO_FLOOR = 16L * 1024 * 1024;

    private final UnpackLimits limits;
    private int entries;
    private long unpacked;

    UnpackBudget(UnpackLimits limits) {
        this.limits = limits;
    }

    void countEntry(BundleEntry entry) {
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
        if (unpacked > RATIO_FLOOR
                && unpacked > (long) limits.maxCompressionRatio() * Math.max(1, compressedBytesRead)) {
            throw new InvalidBundleException("Bundle entry '" + entry.name() + "' unpacks to more than "
                    + limits.maxCompressionRatio() + " times the size of the archive (MAX_COMPRESSION_RATIO);"
                    + " the bundle looks like a compression bomb");
        }
    }

    private InvalidBundleException tooLarge(BundleEntry entry) {
        return new InvalidBundleException("Bundle entry '" + entry.name() + "' takes the unpacked bundle past "
                + limits.maxUnpackedSize() + " bytes (MAX_UNPACKED_SIZE); make the bundle smaller");
    }
}
