package io.daas.builder.reproducible;

import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** The rules {@link LayerRewriter} applies to each entry of a layer: order, times, hard links. */
final class LayerEntries {

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

    private LayerEntries() {}

    /**
     * For each file that hard links point at: the name that holds its content once entries are
     * sorted (the first of the file and its links). Keyed by the file's name and by every link's.
     */
    static Map<String, String> hardLinkHolders(List<TarArchiveEntry> sorted, Map<String, TarArchiveEntry> byName) {
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

    /** A new entry named {@code name} of type {@code flag} with {@code from}'s metadata and its times clamped. */
    static TarArchiveEntry copy(TarArchiveEntry from, String name, byte flag, long epoch) {
        TarArchiveEntry to = new TarArchiveEntry(name, flag, true);
        to.setMode(from.getMode());
        to.setUserId(from.getLongUserId());
        to.setGroupId(from.getLongGroupId());
        to.setUserName(from.getUserName());
        to.setGroupName(from.getGroupName());
        to.setLinkName(from.getLinkName());
        to.setDevMajor(from.getDevMajor());
        to.setDevMinor(from.getDevMinor());
        to.setModTime(clamp(from.getLastModifiedTime(), epoch));
        if (from.getLastAccessTime() != null) {
            to.setLastAccessTime(clamp(from.getLastAccessTime(), epoch));
        }
        if (from.getStatusChangeTime() != null) {
            to.setStatusChangeTime(clamp(from.getStatusChangeTime(), epoch));
        }
        from.getExtraPaxHeaders().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(h -> to.addPaxHeader(h.getKey(), h.getValue()));
        return to;
    }

    private static FileTime clamp(FileTime time, long epoch) {
        long seconds = time == null ? epoch : time.toInstant().getEpochSecond();
        return FileTime.fromMillis(Math.min(seconds, epoch) * 1000);
    }

    /** A name without a leading "./" or a trailing "/". */
    static String strip(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }
}
