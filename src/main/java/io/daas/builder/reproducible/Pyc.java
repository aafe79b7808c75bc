package io.daas.builder.reproducible;

/**
 * The source time stamp in a compiled Python file's header (PEP 552): bytes 8-11, little-endian,
 * when the flags word (bytes 4-7) is 0. Clamped the same way as the .py file's mtime, so the pair
 * stays valid. Hash-based .pyc files (flags 1 or 3) carry no time and are left alone.
 */
final class Pyc {

    /** Larger .pyc files are copied as they are. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private Pyc() {}

    static boolean isPyc(String path) {
        return path.endsWith(".pyc");
    }

    /** Clamps the time stamp in place; true when it changed. */
    static boolean clampTimestamp(byte[] pyc, long epoch) {
        if (pyc.length < 16 || readInt(pyc, 4) != 0) {
            return false;
        }
        long stamp = readInt(pyc, 8) & 0xFFFFFFFFL;
        long clamped = Math.min(stamp, epoch & 0xFFFFFFFFL);
        if (clamped == stamp) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            pyc[8 + i] = (byte) (clamped >>> (8 * i));
        }
        return true;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
