package io.daas.builder.reproducible;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

/**
 * Rewrites one layer tar into its canonical form: entries in path order (component by component,
 * as Go's filepath.Walk visits them), every time clamped to SOURCE_DATE_EPOCH (mtime, and PAX
 * atime/ctime when present), known noise removed ({@link Noise}), hard links pointing forward.
 */
final class LayerRewriter {

    /** Paths compared component by component, so "a/b" comes before "a.txt" like a directory walk. */
    static final Comparator<String> PATH_ORDER = (x, y) -> {
        String[] a = strip(x).split("/", -1);
        String[] b = strip(y).split("/", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    };

    private final long epoch;

    LayerRewriter(long epoch) {
        this.epoch = epoch;
    }

    /** Writes the canonical form of {@code source} to {@code target}; returns its diff id and what changed. */
    LayerResult rewrite(Path source, Path target) throws IOException {
        try (TarFile tar = new TarFile(source);
                OutputStream file = Files.newOutputStream(target)) {
            DigestOutputStream digest = new DigestOutputStream(file, Digests.sha256());
            List<TarArchiveEntry> entries = new ArrayList<>(tar.getEntries());
            entries.sort(Comparator.comparing(TarArchiveEntry::getName, PATH_ORDER));
            Map<String, TarArchiveEntry> byName = new HashMap<>();
            entries.forEach(e -> byName.put(strip(e.getName()), e));
            Map<String, String> holders = hardLinkHolders(entries, byName);
            int removed = 0;
            int emptied = 0;
            int pycs = 0;
            // Buffered above the digest: the tar writer writes 512-byte records, the file and digest get 1 MiB.
            try (TarArchiveOutputStream out =
                    new TarArchiveOutputStream(new java.io.BufferedOutputStream(digest, 1 << 20), 512)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                out.setAddPaxHeadersForNonAsciiNames(true);
                for (TarArchiveEntry e : entries) {
                    String name = strip(e.getName());
                    Noise.Action action = Noise.actionFor(name, e.isFile());
                    if (action == Noise.Action.DROP) {
                        removed++;
                        continue;
                    }
                    TarArchiveEntry content = e;
                    TarArchiveEntry copy;
                    if (e.isLink() && holders.containsKey(strip(e.getLinkName()))) {
                        String holder = holders.get(strip(e.getLinkName()));
                        if (holder.equals(name)) {
                            content = byName.get(strip(e.getLinkName()));
                            copy = copy(content, e.getName(), TarConstants.LF_NORMAL);
                        } else {
                            copy = copy(e, e.getName(), TarConstants.LF_LINK);
                            copy.setLinkName(holder);
                        }
                    } else if (holders.containsKey(name) && !holders.get(name).equals(name)) {
                        copy = copy(e, e.getName(), TarConstants.LF_LINK);
                        copy.setLinkName(holders.get(name));
                        copy.setSize(0);
                    } else {
                        copy = copy(e, e.getName(), e.getLinkFlag());
                    }
                    if (!copy.isFile() || copy.isLink()) {
                        copy.setSize(0);
                        out.putArchiveEntry(copy);
                    } else if (action == Noise.Action.EMPTY) {
                        emptied++;
                        copy.setSize(0);
                        out.putArchiveEntry(copy);
                    } else if (Pyc.isPyc(name) && content.getSize() <= Pyc.MAX_BYTES) {
                        byte[] bytes;
                        try (InputStream in = tar.getInputStream(content)) {
                            bytes = in.readAllBytes();
                        }
                        if (Pyc.clampTimestamp(bytes, epoch)) {
                            pycs++;
                        }
                        copy.setSize(bytes.length);
                        out.putArchiveEntry(copy);
                        out.write(bytes);
                    } else {
                        copy.setSize(content.getSize());
                        out.putArchiveEntry(copy);
                        try (InputStream in = tar.getInputStream(content)) {
                            in.transferTo(out);
                        }
                    }
                    out.closeArchiveEntry();
                }
                out.finish();
            }
            return new LayerResult(
                    "sha256:" + Digests.hex(digest.getMessageDigest().digest()),
                    Files.size(target),
                    entries.size(),
                    removed,
                    emptied,
                    pycs);
        }
    }

    /**
     * For each file that hard links point at: the name that holds its content once entries are
     * sorted (the first of the file and its links). Keyed by the file's name and by every link's.
     */
    private static Map<String, String> hardLinkHolders(
            List<TarArchiveEntry> sorted, Map<String, TarArchiveEntry> byName) {
        Map<String, String> holders = new HashMap<>();
        for (TarArchiveEntry e : sorted) {
            if (!e.isLink()) {
                continue;
            }
            String target = strip(e.getLinkName());
            if (!byName.containsKey(target)) {
                continue;
            }
            String name = strip(e.getName());
            String current = holders.getOrDefault(target, target);
            String first = PATH_ORDER.compare(name, current) < 0 ? name : current;
            holders.put(target, first);
        }
        return holders;
    }

    private TarArchiveEntry copy(TarArchiveEntry from, String name, byte flag) {
        TarArchiveEntry to = new TarArchiveEntry(name, flag, true);
        to.setMode(from.getMode());
        to.setUserId(from.getLongUserId());
        to.setGroupId(from.getLongGroupId());
        to.setUserName(from.getUserName());
        to.setGroupName(from.getGroupName());
        to.setLinkName(from.getLinkName());
        to.setDevMajor(from.getDevMajor());
        to.setDevMinor(from.getDevMinor());
        to.setModTime(clamp(from.getLastModifiedTime()));
        if (from.getLastAccessTime() != null) {
            to.setLastAccessTime(clamp(from.getLastAccessTime()));
        }
        if (from.getStatusChangeTime() != null) {
            to.setStatusChangeTime(clamp(from.getStatusChangeTime()));
        }
        from.getExtraPaxHeaders().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(h -> to.addPaxHeader(h.getKey(), h.getValue()));
        return to;
    }

    private FileTime clamp(FileTime time) {
        long seconds = time == null ? epoch : time.toInstant().getEpochSecond();
        return FileTime.fromMillis(Math.min(seconds, epoch) * 1000);
    }

    private static String strip(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
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
