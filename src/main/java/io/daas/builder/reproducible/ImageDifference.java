package io.daas.builder.reproducible;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Where two images first differ: the first layer whose diff id differs, and in it the first file
 * (in path order) whose header or content differs; or, with the same layers, the first config field.
 */
public final class ImageDifference {

    private ImageDifference() {}

    /**
     * The first difference.
     *
     * @param layer index of the layer (bottom 0), or null when only the config differs
     * @param diffId the layer's diff id in the first image (or null)
     * @param otherDiffId in the second image (or null)
     * @param path the file, or the config field
     * @param what what differs: content, mtime, mode, owner, size, link, type, extended headers, only in one image
     */
    public record Difference(Integer layer, String diffId, String otherDiffId, String path, String what) {}

    static Optional<Difference> between(SavedImage a, SavedImage b, ObjectMapper json) throws IOException {
        ImageConfig configs = new ImageConfig(json);
        List<String> la = configs.diffIds(a.config());
        List<String> lb = configs.diffIds(b.config());
        for (int i = 0; i < Math.max(la.size(), lb.size()); i++) {
            String x = i < la.size() ? la.get(i) : null;
            String y = i < lb.size() ? lb.get(i) : null;
            if (!Objects.equals(x, y)) {
                if (x == null || y == null) {
                    return Optional.of(new Difference(i, x, y, null, "layer only in one image"));
                }
                return Optional.of(inLayer(i, x, y, a.layer(i), b.layer(i)));
            }
        }
        if (Arrays.equals(a.config(), b.config())) {
            return Optional.empty();
        }
        return Optional.of(new Difference(
                null, null, null, firstField(json.readTree(a.config()), json.readTree(b.config()), ""), "config"));
    }

    private static Difference inLayer(int index, String x, String y, Path fa, Path fb) throws IOException {
        try (TarFile ta = new TarFile(fa);
                TarFile tb = new TarFile(fb)) {
            Map<String, TarArchiveEntry> ea = byName(ta);
            Map<String, TarArchiveEntry> eb = byName(tb);
            TreeMap<String, Boolean> names = new TreeMap<>(LayerRewriter.PATH_ORDER);
            ea.keySet().forEach(n -> names.put(n, true));
            eb.keySet().forEach(n -> names.put(n, true));
            for (String name : names.keySet()) {
                TarArchiveEntry p = ea.get(name);
                TarArchiveEntry q = eb.get(name);
                if (p == null || q == null) {
                    return new Difference(
                            index, x, y, name, "only in " + (p == null ? "the second" : "the first") + " image");
                }
                String what = header(p, q);
                if (what == null && p.isFile() && !sha(ta, p).equals(sha(tb, q))) {
                    what = "content";
                }
                if (what != null) {
                    return new Difference(index, x, y, name, what);
                }
            }
            return new Difference(index, x, y, null, "tar layout (same files, different archive bytes)");
        }
    }

    private static String header(TarArchiveEntry p, TarArchiveEntry q) {
        if (p.getLinkFlag() != q.getLinkFlag()) {
            return "type";
        }
        if (p.getSize() != q.getSize()) {
            return "size";
        }
        if (!p.getLastModifiedTime().equals(q.getLastModifiedTime())) {
            return "mtime";
        }
        if (p.getMode() != q.getMode()) {
            return "mode";
        }
        if (p.getLongUserId() != q.getLongUserId() || p.getLongGroupId() != q.getLongGroupId()) {
            return "owner";
        }
        if (!Objects.equals(p.getLinkName(), q.getLinkName())) {
            return "link";
        }
        if (!p.getExtraPaxHeaders().equals(q.getExtraPaxHeaders())) {
            return "extended headers";
        }
        return null;
    }

    private static Map<String, TarArchiveEntry> byName(TarFile tar) {
        Map<String, TarArchiveEntry> m = new java.util.HashMap<>();
        tar.getEntries().forEach(e -> m.put(e.getName(), e));
        return m;
    }

    private static String sha(TarFile tar, TarArchiveEntry e) throws IOException {
        MessageDigest d = Digests.sha256();
        try (InputStream in = tar.getInputStream(e)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return Digests.hex(d.digest());
    }

    private static String firstField(JsonNode a, JsonNode b, String at) {
        if (a.isObject() && b.isObject()) {
            TreeMap<String, Boolean> names = new TreeMap<>();
            a.propertyNames().forEach(n -> names.put(n, true));
            b.propertyNames().forEach(n -> names.put(n, true));
            for (String n : names.keySet()) {
                if (!Objects.equals(a.get(n), b.get(n))) {
                    return a.has(n) && b.has(n) ? firstField(a.get(n), b.get(n), at + "." + n) : at + "." + n;
                }
            }
        } else if (a.isArray() && b.isArray()) {
            Iterator<JsonNode> ia = a.values().iterator();
            Iterator<JsonNode> ib = b.values().iterator();
            int i = 0;
            while (ia.hasNext() && ib.hasNext()) {
                JsonNode x = ia.next();
                JsonNode y = ib.next();
                if (!x.equals(y)) {
                    return firstField(x, y, at + "[" + i + "]");
                }
                i++;
            }
            return at + "[" + i + "]";
        }
        return at.isEmpty() ? "." : at;
    }
}
