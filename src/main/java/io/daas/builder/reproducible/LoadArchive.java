package io.daas.builder.reproducible;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code docker load} archive written as a stream: rewritten layers as {@code layers/<i>.tar}
 * (a base layer's file is absent: the engine has it and loads only layers it lacks), then the
 * config and the manifest.
 */
final class LoadArchive {

    private final ObjectMapper json;
    private BufferedOutputStream buffered;
    private TarArchiveOutputStream out;
    private int removed;
    private int emptied;
    private int pycs;

    LoadArchive(ObjectMapper json) {
        this.json = json;
    }

    void open(OutputStream target) {
        buffered = new BufferedOutputStream(target, 1 << 20);
        out = new TarArchiveOutputStream(buffered);
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Rewrites the layer in {@code file} into the archive as the image's i-th layer; returns its new diff id. */
    String layer(int i, LayerRewriter rewriter, Path file) throws IOException {
        try (LayerRewriter.Layer canonical = rewriter.open(file)) {
            TarArchiveEntry e = new TarArchiveEntry("layers/" + i + ".tar");
            // The header needs the size first: counted from the layer's headers, checked as it is written.
            e.setSize(canonical.size());
            out.putArchiveEntry(e);
            LayerRewriter.LayerResult r = canonical.writeTo(out);
            out.closeArchiveEntry();
            removed += r.removed();
            emptied += r.emptied();
            pycs += r.pycs();
            return r.diffId();
        }
    }

    /** Writes the config and a manifest tagging it {@code tag} with {@code layers} layers, and ends the archive. */
    void finish(byte[] config, int layers, String tag) throws IOException {
        String configName = Digests.of(config).substring(7) + ".json";
        ObjectNode manifest = json.createObjectNode();
        manifest.put("Config", configName);
        manifest.putArray("RepoTags").add(tag);
        ArrayNode names = manifest.putArray("Layers");
        for (int i = 0; i < layers; i++) {
            names.add("layers/" + i + ".tar");
        }
        put(configName, config);
        put("manifest.json", json.writeValueAsString(List.of(manifest)).getBytes(StandardCharsets.UTF_8));
        out.finish();
        buffered.flush();
    }

    private void put(String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    int removed() {
        return removed;
    }

    int emptied() {
        return emptied;
    }

    int pycs() {
        return pycs;
    }
}
