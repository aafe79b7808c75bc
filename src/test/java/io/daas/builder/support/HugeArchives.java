package io.daas.builder.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Small files that inflate to huge archives, for tests: a tar.gz is written as a series of gzip
 * members (which gzip readers join into one stream), so one member of 64 MiB of zeros, a few
 * KiB compressed, repeated 160 times hides 10 GiB in 10 MB without ever compressing 10 GiB.
 */
public final class HugeArchives {

    public static final int BLOCK = 512;
    private static final int CHUNK = 64 << 20;
    private static byte[] zeroMember;
    private static byte[] letterMember;

    private HugeArchives() {}

    /** Writes {@code bytes} as one gzip member. */
    public static void member(OutputStream out, byte[] bytes) throws IOException {
        out.write(gzip(bytes));
    }

    /** Writes {@code size} zero bytes (a multiple of 64 MiB, else rounded up) as repeated gzip members. */
    public static void zeros(OutputStream out, long size) throws IOException {
        repeat(out, zeroMember(), size);
    }

    /** Writes {@code size} letters 'a' (a multiple of 64 MiB) as repeated gzip members. */
    public static void letters(OutputStream out, long size) throws IOException {
        repeat(out, letterMember(), size);
    }

    private static void repeat(OutputStream out, byte[] member, long size) throws IOException {
        for (long left = size; left > 0; left -= CHUNK) {
            out.write(member);
        }
    }

    private static synchronized byte[] zeroMember() {
        if (zeroMember == null) {
            zeroMember = gzip(new byte[CHUNK]);
        }
        return zeroMember;
    }

    private static synchronized byte[] letterMember() {
        if (letterMember == null) {
            byte[] a = new byte[CHUNK];
            Arrays.fill(a, (byte) 'a');
            letterMember = gzip(a);
        }
        return letterMember;
    }

    /** A ustar header block; sizes past 8 GiB in base-256, as GNU tar writes them. */
    public static byte[] header(String name, char type, long size, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        if (size < 077777777777L) {
            put(h, 124, String.format("%011o\0", size));
        } else {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        put(h, 136, "00000000000\0");
        h[156] = (byte) type;
        if (link != null) {
            put(h, 157, link);
        }
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    /** A regular file entry: header, content and padding. */
    public static byte[] file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(name, '0', data.length, null));
        out.writeBytes(data);
        out.writeBytes(new byte[padding(data.length)]);
        return out.toByteArray();
    }

    /** The two zero blocks that end a tar archive. */
    public static byte[] end() {
        return new byte[2 * BLOCK];
    }

    public static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(byte[] block, int offset, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }
}
