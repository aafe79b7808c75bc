package io.daas.builder.reproducible;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Normalises an image given as a {@code docker save} stream: the base images' layers stay as they
 * are (pinned by digest, already fixed), every layer the build made is rewritten by
 * {@link LayerRewriter}, and the config by {@link ImageConfig}. The result is written in the same
 * archive format for {@code docker load}. Works on files under one folder; nothing is held whole
 * in memory but the config.
 */
final class ImageNormaliser {

    private final ObjectMapper json;
    private final ImageConfig configs;

    ImageNormaliser(ObjectMapper json) {
        this.json = json;
        this.configs = new ImageConfig(json);
    }

    /**
     * Reads and rewrites the image.
     *
     * @param imageDiffIds the built image's layers (from the engine, to tell which layers are the base's)
     * @param bases each base image's layers
     */
    Normalised normalise(
            InputStream save,
            Path dir,
            long epoch,
            List<String> imageDiffIds,
            List<List<String>> bases,
            Set<String> droppedLabels)
            throws IOException {
        int baseLayers = baseLayerCount(imageDiffIds, bases);
        Set<String> skip = new HashSet<>(imageDiffIds.subList(0, baseLayers));
        // A layer the build made that equals a base layer would be dropped too: keep those.
        skip.removeAll(imageDiffIds.subList(baseLayers, imageDiffIds.size()));
        long start = System.nanoTime();
        SavedImage saved = SavedImage.read(save, dir.resolve("saved"), skip, json);
        long read = System.nanoTime();
        List<String> original = configs.diffIds(saved.config());
        if (!original.equals(imageDiffIds)) {
            throw new IOException("the saved image's layers differ from the engine's: it changed while it was saved");
        }
        LayerRewriter rewriter = new LayerRewriter(epoch);
        Path out = Files.createDirectories(dir.resolve("normalised"));
        List<String> diffIds = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        int removed = 0;
        int emptied = 0;
        int pycs = 0;
        for (int i = 0; i < saved.layerCount(); i++) {
            Path layer = saved.layer(i);
            if (i < baseLayers || layer == null) {
                diffIds.add(original.get(i));
                files.add(null);
                continue;
            }
            Path target = out.resolve(i + ".tar");
            LayerRewriter.LayerResult r = rewriter.rewrite(layer, target);
            if (lastUse(saved, layer) == i) {
                Files.delete(layer);
            }
            diffIds.add(r.diffId());
            files.add(target);
            removed += r.removed();
            emptied += r.emptied();
            pycs += r.pycs();
        }
        byte[] config = configs.rewrite(saved.config(), diffIds, epoch, droppedLabels);
        return new Normalised(
                config,
                Digests.of(config),
                diffIds,
                files,
                baseLayers,
                removed,
                emptied,
                pycs,
                (read - start) / 1_000_000,
                (System.nanoTime() - read) / 1_000_000);
    }

    private static int lastUse(SavedImage saved, Path layer) {
        int last = -1;
        for (int i = 0; i < saved.layerCount(); i++) {
            if (layer.equals(saved.layer(i))) {
                last = i;
            }
        }
        return last;
    }

    /** Writes the normalised image as a {@code docker load} archive tagged {@code tag}. */
    void writeLoadArchive(Normalised image, String tag, OutputStream target) throws IOException {
        String configName = image.imageId().substring(7) + ".json";
        ObjectNode manifest = json.createObjectNode();
        manifest.put("Config", configName);
        manifest.putArray("RepoTags").add(tag);
        ArrayNode layers = manifest.putArray("Layers");
        for (int i = 0; i < image.diffIds().size(); i++) {
            // A base layer's file is absent: the engine has the layer and loads only layers it lacks.
            layers.add("layers/" + i + ".tar");
        }
        byte[] manifestBytes = json.writeValueAsString(List.of(manifest)).getBytes(StandardCharsets.UTF_8);
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(target, 1 << 20);
        TarArchiveOutputStream out = new TarArchiveOutputStream(buffered);
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (int i = 0; i < image.layerFiles().size(); i++) {
            Path file = image.layerFiles().get(i);
            if (file != null) {
                TarArchiveEntry e = new TarArchiveEntry("layers/" + i + ".tar");
                e.setSize(Files.size(file));
                out.putArchiveEntry(e);
                Files.copy(file, out);
                out.closeArchiveEntry();
            }
        }
        put(out, configName, image.config());
        put(out, "manifest.json", manifestBytes);
        out.finish();
        buffered.flush();
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    /** How many bottom layers come from a base image: the longest base whose layers all begin the image's. */
    static int baseLayerCount(List<String> image, List<List<String>> bases) {
        int count = 0;
        for (List<String> base : bases) {
            if (base.size() <= image.size() && image.subList(0, base.size()).equals(base)) {
                count = Math.max(count, base.size());
            }
        }
        return count;
    }

    /**
     * A normalised image, on disk.
     *
     * @param config the new config's bytes
     * @param imageId {@code sha256:} of the config: the image id the engine will give it
     * @param diffIds its layers, bottom first
     * @param layerFiles the rewritten layers' files, null for a base layer
     * @param baseLayers how many bottom layers are the base image's, kept as they were
     * @param removed noise files dropped
     * @param emptied log files emptied
     * @param pycs .pyc time stamps clamped
     * @param saveMillis time to read the engine's archive (the new layers to disk)
     * @param rewriteMillis time to rewrite the layers and the config
     */
    record Normalised(
            byte[] config,
            String imageId,
            List<String> diffIds,
            List<Path> layerFiles,
            int baseLayers,
            int removed,
            int emptied,
            int pycs,
            long saveMillis,
            long rewriteMillis) {}
}
