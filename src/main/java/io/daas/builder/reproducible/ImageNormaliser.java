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
 * {@link LayerRewriter}, and the config by {@link ImageConfig}. The result is streamed in the same
 * archive format into {@code docker load}. Only the engine's layers are kept on disk while it works
 * (under one folder); nothing is held whole in memory but the config.
 */
final class ImageNormaliser {

    private final ObjectMapper json;
    private final ImageConfig configs;

    ImageNormaliser(ObjectMapper json) {
        this.json = json;
        this.configs = new ImageConfig(json);
    }

    /**
     * Reads {@code docker save}: the layers the build made to files under {@code dir}, the base
     * images' layers read and dropped.
     *
     * @param imageDiffIds the built image's layers (from the engine, to tell which layers are the base's)
     * @param bases each base image's layers
     */
    Saved read(InputStream save, Path dir, List<String> imageDiffIds, List<List<String>> bases) throws IOException {
        int baseLayers = baseLayerCount(imageDiffIds, bases);
        Set<String> skip = new HashSet<>(imageDiffIds.subList(0, baseLayers));
        // A layer the build made that equals a base layer would be dropped too: keep those.
        skip.removeAll(imageDiffIds.subList(baseLayers, imageDiffIds.size()));
        SavedImage saved = SavedImage.read(save, dir.resolve("saved"), skip, json);
        if (!configs.diffIds(saved.config()).equals(imageDiffIds)) {
            throw new IOException("the saved image's layers differ from the engine's: it changed while it was saved");
        }
        return new Saved(saved, baseLayers);
    }

    /**
     * Writes the normalised image as a {@code docker load} archive tagged {@code tag}: each layer
     * the build made is rewritten straight into the archive (its size is known from its headers
     * first), then the new config and the manifest. Nothing is written to disk.
     */
    Normalised writeLoadArchive(Saved saved, long epoch, Set<String> droppedLabels, String tag, OutputStream target)
            throws IOException {
        SavedImage image = saved.image();
        List<String> original = configs.diffIds(image.config());
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(target, 1 << 20);
        TarArchiveOutputStream out = new TarArchiveOutputStream(buffered);
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        LayerRewriter rewriter = new LayerRewriter(epoch);
        List<String> diffIds = new ArrayList<>();
        int[] changes = new int[3];
        for (int i = 0; i < image.layerCount(); i++) {
            Path layer = image.layer(i);
            if (i < saved.baseLayers() || layer == null) {
                // A base layer's file is absent: the engine has the layer and loads only layers it lacks.
                diffIds.add(original.get(i));
                continue;
            }
            try (LayerRewriter.Layer canonical = rewriter.open(layer)) {
                TarArchiveEntry e = new TarArchiveEntry("layers/" + i + ".tar");
                e.setSize(canonical.size());
                out.putArchiveEntry(e);
                LayerRewriter.LayerResult r = canonical.writeTo(out);
                out.closeArchiveEntry();
                diffIds.add(r.diffId());
                changes[0] += r.removed();
                changes[1] += r.emptied();
                changes[2] += r.pycs();
            }
            if (lastUse(image, layer) == i) {
                Files.delete(layer);
            }
        }
        byte[] config = configs.rewrite(image.config(), diffIds, epoch, droppedLabels);
        String imageId = Digests.of(config);
        String configName = imageId.substring(7) + ".json";
        ObjectNode manifest = json.createObjectNode();
        manifest.put("Config", configName);
        manifest.putArray("RepoTags").add(tag);
        ArrayNode layers = manifest.putArray("Layers");
        for (int i = 0; i < diffIds.size(); i++) {
            layers.add("layers/" + i + ".tar");
        }
        put(out, configName, config);
        put(out, "manifest.json", json.writeValueAsString(List.of(manifest)).getBytes(StandardCharsets.UTF_8));
        out.finish();
        buffered.flush();
        return new Normalised(imageId, diffIds, saved.baseLayers(), changes[0], changes[1], changes[2]);
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
     * The engine's image read from {@code docker save}.
     *
     * @param image its config, and the files of the layers the build made
     * @param baseLayers how many bottom layers are the base image's, kept as they are
     */
    record Saved(SavedImage image, int baseLayers) {}

    /**
     * A normalised image, as written into the load archive.
     *
     * @param imageId {@code sha256:} of the new config: the image id the engine gives it
     * @param diffIds its layers, bottom first
     * @param baseLayers how many bottom layers are the base image's, kept as they were
     * @param removed noise files dropped
     * @param emptied log files emptied
     * @param pycs .pyc time stamps clamped
     */
    record Normalised(String imageId, List<String> diffIds, int baseLayers, int removed, int emptied, int pycs) {}
}
