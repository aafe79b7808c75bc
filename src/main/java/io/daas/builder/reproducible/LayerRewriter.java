package io.daas.builder.reproducible;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.io.output.CountingOutputStream;

/**
 * Rewrites one layer tar into its canonical form: entries in path order (component by component,
 * as Go's filepath.Walk visits them), every time clamped to SOURCE_DATE_EPOCH (mtime, and PAX
 * atime/ctime when present), known noise removed ({@link Noise}), hard links pointing forward.
 * A layer can say its rewritten size before it is written, so it can be streamed into an archive.
 */
final class LayerRewriter {

    /** Paths compared component by component, so "a/b" comes before "a.txt" like a directory walk. */
    static final Comparator<String> PATH_ORDER = LayerEntries.PATH_ORDER;

    private static final int BUFFER = 1 << 20;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final long epoch;

    LayerRewriter(long epoch) {
        this.epoch = epoch;
    }

    /** Writes the canonical form of {@code source} to {@code target}; returns its diff id and what changed. */
    LayerResult rewrite(Path source, Path target) throws IOException {
        try (Layer layer = open(source);
                OutputStream file = Files.newOutputStream(target)) {
            return layer.writeTo(file);
        }
    }

    /** Reads the headers of a layer tar (not its files' content) and puts them in canonical order. */
    Layer open(Path source) throws IOException {
        return new Layer(new TarFile(source));
    }

    /** A layer tar whose entries are read and sorted, ready to be written in canonical form. */
    final class Layer implements Closeable {

        private final TarFile tar;
        private final List<TarArchiveEntry> entries;
        private final Map<String, TarArchiveEntry> byName = new HashMap<>();
        private final Map<String, String> holders;

        private Layer(TarFile tar) {
            this.tar = tar;
            this.entries = new ArrayList<>(tar.getEntries());
            entries.sort(Comparator.comparing(TarArchiveEntry::getName, PATH_ORDER));
            entries.forEach(e -> byName.put(LayerEntries.strip(e.getName()), e));
            this.holders = LayerEntries.hardLinkHolders(entries, byName);
        }

        /** The bytes {@link #writeTo} will write, from the headers alone (no file's content is read). */
        long size() throws IOException {
            CountingOutputStream counter = new CountingOutputStream(OutputStream.nullOutputStream());
            long[] skipped = new long[1];
            write(counter, null, skipped);
            return counter.getByteCount() + skipped[0];
        }

        /** Writes the canonical tar to {@code target} (left open); returns its diff id and what changed. */
        LayerResult writeTo(OutputStream target) throws IOException {
            CountingOutputStream counter = new CountingOutputStream(target);
            DigestOutputStream digest = new DigestOutputStream(counter, Digests.sha256());
            int[] changes = write(digest, new byte[BUFFER], new long[1]);
            return new LayerResult(
                    "sha256:" + Digests.hex(digest.getMessageDigest().digest()),
                    counter.getByteCount(),
                    entries.size(),
                    changes[0],
                    changes[1],
                    changes[2]);
        }

        /**
         * Writes the tar, copying content through {@code buffer}. Without a buffer only the headers
         * are written, and {@code skipped} counts the content's bytes, padded as the tar pads them (a
         * size below 8 GiB takes the same header bytes as 0). Returns removed, emptied, pycs.
         */
        private int[] write(OutputStream sink, byte[] buffer, long[] skipped) throws IOException {
            boolean data = buffer != null;
            int[] changes = new int[3];
            // Buffered above the digest: the tar writer writes 512-byte records, the sink gets 1 MiB.
            BufferedOutputStream buffered = new BufferedOutputStream(sink, BUFFER);
            TarArchiveOutputStream out = new TarArchiveOutputStream(buffered, 512);
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            out.setAddPaxHeadersForNonAsciiNames(true);
            for (TarArchiveEntry e : entries) {
                String name = LayerEntries.strip(e.getName());
                Noise.Action action = Noise.actionFor(name, e.isFile());
                if (action == Noise.Action.DROP) {
                    changes[0]++;
                    continue;
                }
                TarArchiveEntry content = e;
                TarArchiveEntry copy;
                if (e.isLink() && holders.containsKey(LayerEntries.strip(e.getLinkName()))) {
                    String holder = holders.get(LayerEntries.strip(e.getLinkName()));
                    if (holder.equals(name)) {
                        content = byName.get(LayerEntries.strip(e.getLinkName()));
                        copy = LayerEntries.copy(content, e.getName(), TarConstants.LF_NORMAL, epoch);
                    } else {
                        copy = LayerEntries.copy(e, e.getName(), TarConstants.LF_LINK, epoch);
                        copy.setLinkName(holder);
                    }
                } else if (holders.containsKey(name) && !holders.get(name).equals(name)) {
                    copy = LayerEntries.copy(e, e.getName(), TarConstants.LF_LINK, epoch);
                    copy.setLinkName(holders.get(name));
                } else {
                    copy = LayerEntries.copy(e, e.getName(), e.getLinkFlag(), epoch);
                }
                if (!copy.isFile() || copy.isLink() || action == Noise.Action.EMPTY) {
                    changes[1] += copy.isFile() && !copy.isLink() ? 1 : 0;
                    copy.setSize(0);
                    out.putArchiveEntry(copy);
                } else if (data && Pyc.isPyc(name) && content.getSize() <= Pyc.MAX_BYTES) {
                    byte[] bytes;
                    try (InputStream in = tar.getInputStream(content)) {
                        bytes = in.readAllBytes();
                    }
                    changes[2] += Pyc.clampTimestamp(bytes, epoch) ? 1 : 0;
                    copy.setSize(bytes.length);
                    out.putArchiveEntry(copy);
                    out.write(bytes);
                } else if (!data && content.getSize() <= TarConstants.MAXSIZE) {
                    copy.setSize(0);
                    out.putArchiveEntry(copy);
                    skipped[0] += (content.getSize() + 511) / 512 * 512;
                } else {
                    copy.setSize(content.getSize());
                    out.putArchiveEntry(copy);
                    copy(data ? tar.getInputStream(content) : null, out, data ? buffer : ZEROS, content.getSize());
                }
                out.closeArchiveEntry();
            }
            out.finish();
            buffered.flush();
            return changes;
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    /** Copies {@code size} bytes of {@code in}, or as many zeros when {@code in} is null. */
    private static void copy(InputStream in, OutputStream out, byte[] buffer, long size) throws IOException {
        if (in == null) {
            for (long left = size; left > 0; left -= buffer.length) {
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
            return;
        }
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /**
     * One rewritten layer.
     *
     * @param diffId sha256 of the new layer tar
     * @param size its bytes
     * @param entries entries read
     * @param removed noise entries dropped
     * @param emptied log files emptied
     * @param pycs .pyc files whose source time stamp was clamped
     */
    record LayerResult(String diffId, long size, int entries, int removed, int emptied, int pycs) {}
}
