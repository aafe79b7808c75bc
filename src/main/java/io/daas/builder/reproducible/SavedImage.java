package io.daas.builder.reproducible;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An image read from a {@code docker save} stream into a folder: its config, and each layer tar
 * that is not in {@code skip} as a file named by its diff id (layers in {@code skip} are read and
 * dropped, never kept on disk).
 */
final class SavedImage {

    private final byte[] config;
    private final List<String> layerPaths;
    private final Map<String, Path> layersByPath;

    private SavedImage(byte[] config, List<String> layerPaths, Map<String, Path> layersByPath) {
        this.config = config;
        this.layerPaths = layerPaths;
        this.layersByPath = layersByPath;
    }

    static SavedImage read(InputStream save, Path dir, Set<String> skip, ObjectMapper json) throws IOException {
        return read(save, dir, skip, json, (diffId, file) -> {});
    }

    /** Reads the archive; {@code onLayer} gets each kept layer's diff id and file as soon as it is complete. */
    static SavedImage read(
            InputStream save, Path dir, Set<String> skip, ObjectMapper json, BiConsumer<String, Path> onLayer)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        Map<String, byte[]> small = new HashMap<>();
        TarArchiveInputStream in = new TarArchiveInputStream(new java.io.BufferedInputStream(save, 1 << 20));
        TarArchiveEntry e;
        int n = 0;
        while ((e = in.getNextEntry()) != null) {
            String name = e.getName();
            if (name.endsWith("/layer.tar") && e.isSymbolicLink()) {
                links.put(
                        name,
                        Path.of(name)
                                .getParent()
                                .resolve(e.getLinkName())
                                .normalize()
                                .toString());
            } else if (name.endsWith("/layer.tar") && e.isFile()) {
                Path tmp = dir.resolve("saved-" + (n++) + ".tar");
                DigestOutputStream digest;
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    digest = new DigestOutputStream(out, Digests.sha256());
                    copy(in, digest);
                }
                String diffId =
                        "sha256:" + Digests.hex(digest.getMessageDigest().digest());
                if (skip.contains(diffId)) {
                    Files.delete(tmp);
                    files.put(name, null);
                } else {
                    Path named = dir.resolve(diffId.substring(7) + ".tar");
                    Files.move(tmp, named, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    files.put(name, named);
                    onLayer.accept(diffId, named);
                }
            } else if (e.isFile() && name.endsWith(".json") && e.getSize() < 64L * 1024 * 1024) {
                small.put(name, in.readAllBytes());
            }
        }
        byte[] manifestBytes = small.get("manifest.json");
        if (manifestBytes == null) {
            throw new IOException("the engine's image archive has no manifest.json");
        }
        JsonNode manifest = json.readTree(manifestBytes).path(0);
        byte[] config = small.get(manifest.path("Config").asString());
        if (config == null) {
            throw new IOException("the engine's image archive has no config " + manifest.path("Config"));
        }
        List<String> paths = manifest.path("Layers")
                .valueStream()
                .map(JsonNode::asString)
                .map(p -> links.getOrDefault(p, p))
                .toList();
        return new SavedImage(config, paths, files);
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 20];
        int n;
        while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
        }
    }

    byte[] config() {
        return config;
    }

    /** The file of the i-th layer (bottom first), or null when it was skipped. */
    Path layer(int i) {
        return layersByPath.get(layerPaths.get(i));
    }

    int layerCount() {
        return layerPaths.size();
    }
}
