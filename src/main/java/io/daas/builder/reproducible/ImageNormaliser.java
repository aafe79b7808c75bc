package io.daas.builder.reproducible;

import io.daas.builder.config.DaemonThreads;
import io.daas.builder.engine.EngineArchives;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Normalises an image from {@code docker save} into {@code docker load}, both streamed at once: the
 * base images' layers stay as they are (pinned by digest, already fixed) and are never sent back;
 * every layer the build made is rewritten by {@link LayerRewriter} into the load archive as soon as
 * {@code docker save} has given it whole, while the rest of the save is still read; the config is
 * rewritten by {@link ImageConfig} last. Only the engine's layers wait on disk (under one folder).
 */
final class ImageNormaliser {

    private final ObjectMapper json;
    private final ImageConfig configs;
    /** One reader per save in progress: the save is read while the load is written. */
    private final ExecutorService readers = Executors.newCachedThreadPool(DaemonThreads.named("engine-save"));

    ImageNormaliser(ObjectMapper json) {
        this.json = json;
        this.configs = new ImageConfig(json);
    }

    /**
     * Saves {@code tag}, normalises it and loads it back under the same tag.
     *
     * @param imageDiffIds the built image's layers (from the engine, to tell which layers are the base's)
     * @param bases each base image's layers
     */
    Normalised normalise(
            EngineArchives archives,
            String tag,
            long epoch,
            List<String> imageDiffIds,
            List<List<String>> bases,
            Set<String> droppedLabels,
            Path dir)
            throws IOException {
        long start = System.nanoTime();
        int baseLayers = baseLayerCount(imageDiffIds, bases);
        Set<String> skip = new HashSet<>(imageDiffIds.subList(0, baseLayers));
        // A layer the build made that equals a base layer would be dropped too: keep those.
        skip.removeAll(imageDiffIds.subList(baseLayers, imageDiffIds.size()));
        SavedLayers ready = new SavedLayers();
        CompletableFuture<Saved> saving = CompletableFuture.supplyAsync(
                () -> {
                    AtomicReference<SavedImage> image = new AtomicReference<>();
                    try {
                        archives.save(
                                tag,
                                in -> image.set(SavedImage.read(in, dir.resolve("saved"), skip, json, ready::add)));
                        return new Saved(image.get(), System.nanoTime());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        ready.end();
                    }
                },
                readers);
        LoadArchive archive = new LoadArchive(json);
        AtomicReference<Normalised> result = new AtomicReference<>();
        try {
            archives.load(out -> {
                archive.open(out);
                Map<String, String> rewritten = rewriteAsSaved(ready, archive, imageDiffIds, baseLayers, epoch);
                Saved saved = await(saving);
                if (!configs.diffIds(saved.image().config()).equals(imageDiffIds)) {
                    throw new IOException(
                            "the saved image's layers differ from the engine's: it changed while it was saved");
                }
                List<String> diffIds = new ArrayList<>(imageDiffIds.subList(0, baseLayers));
                for (String original : imageDiffIds.subList(baseLayers, imageDiffIds.size())) {
                    String id = rewritten.get(original);
                    if (id == null) {
                        throw new IOException("docker save gave no layer " + original + " of the image");
                    }
                    diffIds.add(id);
                }
                byte[] config = configs.rewrite(saved.image().config(), diffIds, epoch, droppedLabels);
                archive.finish(config, diffIds.size(), tag);
                long written = System.nanoTime();
                result.set(new Normalised(
                        Digests.of(config),
                        diffIds,
                        baseLayers,
                        archive.removed(),
                        archive.emptied(),
                        archive.pycs(),
                        (saved.at() - start) / 1_000_000,
                        (written - Math.max(saved.at(), start)) / 1_000_000));
            });
        } finally {
            // Never leave the reader writing into the folder the caller is about to remove.
            saving.exceptionally(e -> null).join();
        }
        return result.get();
    }

    /** Rewrites each layer the save gives into every position the build's layers have it at; returns new diff ids. */
    private static Map<String, String> rewriteAsSaved(
            SavedLayers ready, LoadArchive archive, List<String> imageDiffIds, int baseLayers, long epoch)
            throws IOException {
        LayerRewriter rewriter = new LayerRewriter(epoch);
        Map<String, String> rewritten = new HashMap<>();
        Set<Integer> written = new HashSet<>();
        for (SavedLayers.Layer next = ready.next(); next != null; next = ready.next()) {
            for (int i = baseLayers; i < imageDiffIds.size(); i++) {
                if (imageDiffIds.get(i).equals(next.diffId()) && written.add(i)) {
                    rewritten.put(next.diffId(), archive.layer(i, rewriter, next.file()));
                }
            }
            Files.deleteIfExists(next.file());
        }
        return rewritten;
    }

    private static Saved await(CompletableFuture<Saved> saving) throws IOException {
        try {
            return saving.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("reading docker save failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for docker save");
        }
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

    /** The save read to its end at {@code at} (nanoTime). */
    private record Saved(SavedImage image, long at) {}

    /**
     * A normalised image, as loaded.
     *
     * @param imageId {@code sha256:} of the new config: the image id the engine gives it
     * @param diffIds its layers, bottom first
     * @param baseLayers how many bottom layers are the base image's, kept as they were
     * @param removed noise files dropped
     * @param emptied log files emptied
     * @param pycs .pyc time stamps clamped
     * @param saveMillis from the start until {@code docker save} was read to its end
     * @param rewriteMillis from then until the load archive was written (the rewriting that did not overlap the save)
     */
    record Normalised(
            String imageId,
            List<String> diffIds,
            int baseLayers,
            int removed,
            int emptied,
            int pycs,
            long saveMillis,
            long rewriteMillis) {}
}
