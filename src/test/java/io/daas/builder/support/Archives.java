package io.daas.builder.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar, tar.gz and zip archives entry by entry, hostile ones included, for tests. */
public final class Archives {

    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, char type, byte[] data, long zeros, int mode, String link) {}

    private Archives() {}

    public static Archives of() {
        return new Archives();
    }

    public Archives file(String name, String content) {
        return file(name, content, 0644);
    }

    public Archives file(String name, String content, int mode) {
        entries.add(new Entry(name, 'f', content.getBytes(StandardCharsets.UTF_8), 0, mode, null));
        return this;
    }

    /** A file of {@code size} zero bytes, written as a stream (never held in memory). */
    public Archives zeros(String name, long size) {
        entries.add(new Entry(name, 'f', new byte[0], size, 0644, null));
        return this;
    }

    public Archives dir(String name) {
        entries.add(new Entry(name, 'd', new byte[0], 0, 0755, null));
        return this;
    }

    public Archives symlink(String name, String target) {
        entries.add(new Entry(name, 's', new byte[0], 0, 0777, target));
        return this;
    }

    public Archives hardlink(String name, String target) {
        entries.add(new Entry(name, 'h', new byte[0], 0, 0644, target));
        return this;
    }

    public Archives fifo(String name) {
        entries.add(new Entry(name, 'p', new byte[0], 0, 0644, null));
        return this;
    }

    public Archives charDevice(String name) {
        entries.add(new Entry(name, 'c', new byte[0], 0, 0644, null));
        return this;
    }

    /** An old-GNU sparse file (type 'S') of {@code realSize} bytes that is all hole; only alone in a tar. */
    public Archives sparse(String name, long realSize) {
        entries.add(new Entry(name, 'S', new byte[0], realSize, 0644, null));
        return this;
    }

    public byte[] targz() {
        return tar(true);
    }

    public byte[] tar() {
        return tar(false);
    }

    private byte[] tar(boolean gzip) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            OutputStream sink = gzip ? new GzipCompressorOutputStream(bytes) : bytes;
            if (entries.size() == 1 && entries.get(0).type() == 'S') {
                try (sink) {
                    sink.write(gnuSparseHeader(
                            entries.get(0).name(), entries.get(0).zeros()));
                    sink.write(new byte[1024]); // end of archive
                }
                return bytes.toByteArray();
            }
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(sink)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Entry e : entries) {
                    putTar(tar, e);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putTar(TarArchiveOutputStream tar, Entry e) throws IOException {
        TarArchiveEntry entry = switch (e.type()) {
            case 'd' -> new TarArchiveEntry(e.name(), TarConstants.LF_DIR, true);
            case 's' -> new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK, true);
            case 'h' -> new TarArchiveEntry(e.name(), TarConstants.LF_LINK, true);
            case 'p' -> new TarArchiveEntry(e.name(), TarConstants.LF_FIFO, true);
            case 'c' -> new TarArchiveEntry(e.name(), TarConstants.LF_CHR, true);
            default -> new TarArchiveEntry(e.name(), true);
        };
        entry.setMode(e.mode());
        if (e.link() != null) {
            entry.setLinkName(e.link());
        }
        if (e.type() == 'f') {
            entry.setSize(e.data().length + e.zeros());
        }
        tar.putArchiveEntry(entry);
        writeData(tar, e);
        tar.closeArchiveEntry();
    }

    public byte[] zip() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
                for (Entry e : entries) {
                    ZipArchiveEntry entry =
                            new ZipArchiveEntry(e.type() == 'd' && !e.name().endsWith("/") ? e.name() + "/" : e.name());
                    int fileType = switch (e.type()) {
                        case 'd' -> 0040000;
                        case 's' -> 0120000;
                        case 'p' -> 0010000;
                        case 'c' -> 0020000;
                        default -> 0100000;
                    };
                    entry.setUnixMode(fileType | e.mode());
                    zip.putArchiveEntry(entry);
                    if (e.type() == 's') {
                        zip.write(e.link().getBytes(StandardCharsets.UTF_8));
                    } else {
                        writeData(zip, e);
                    }
                    zip.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeData(OutputStream out, Entry e) throws IOException {
        out.write(e.data());
        byte[] block = new byte[64 * 1024];
        for (long left = e.zeros(); left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(left, block.length));
        }
    }

    /**
     * An old-GNU sparse header ('S', realsize at offset 483) of a file that is one hole, with no data
     * blocks: 512 bytes in the archive for any size.
     */
    private static byte[] gnuSparseHeader(String name, long realSize) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, "00000000000\0"); // no data blocks
        put(h, 136, "00000000000\0");
        h[156] = 'S';
        put(h, 257, "ustar  \0");
        put(h, 386, String.format("%011o\0", realSize)); // sparse[0].offset: the one "data" run starts at the end
        put(h, 398, "00000000000\0"); // sparse[0].numbytes
        put(h, 483, String.format("%011o\0", realSize)); // realsize
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] block, int offset, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }
}
