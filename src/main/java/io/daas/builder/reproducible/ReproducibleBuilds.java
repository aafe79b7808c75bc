package io.daas.builder.reproducible;

import io.daas.builder.engine.EngineArchives;
import io.daas.builder.engine.EngineImages;
import io.daas.builder.engine.EngineImages.ImageFacts;
import io.daas.builder.engine.ImageBuildFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The two steps of a reproducible build that talk to the engine: pinning the Dockerfile's base
 * images before the build, and normalising the image after it ({@code docker save} → rewrite →
 * {@code docker load} under the same tag).
 */
@Component
public class ReproducibleBuilds {

    private final EngineImages images;
    private final EngineArchives archives;
    private final ImageNormaliser normaliser;
    private final ObjectMapper json;

    ReproducibleBuilds(EngineImages images, EngineArchives archives, ObjectMapper json) {
        this.images = images;
        this.archives = archives;
        this.json = json;
        this.normaliser = new ImageNormaliser(json);
    }

    /** Pins the Dockerfile's bases by digest and writes it back into the context at {@code path}. */
    public DockerfilePins.Pinned pin(Path context, String path, String dockerfile) {
        DockerfilePins.Pinned pinned = DockerfilePins.pin(dockerfile, this::resolve);
        try {
            Files.writeString(context.resolve(path), pinned.dockerfile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pinned;
    }

    Optional<DockerfilePins.BaseImage> resolve(String name) {
        Optional<ImageFacts> facts = images.facts(name);
        if (facts.isEmpty() && images.pull(name)) {
            facts = images.facts(name);
        }
        return facts.map(f -> pinned(name, f));
    }

    static DockerfilePins.BaseImage pinned(String name, ImageFacts f) {
        if (name.contains("@sha256:")) {
            return new DockerfilePins.BaseImage(name, name, f.id(), f.diffIds(), null);
        }
        String repository = repositoryOf(name);
        Optional<String> digest = f.repoDigests().stream()
                .filter(d -> d.substring(0, d.indexOf('@')).equals(repository))
                .findFirst()
                .or(() -> f.repoDigests().stream().findFirst());
        if (digest.isPresent()) {
            return new DockerfilePins.BaseImage(name, digest.get(), f.id(), f.diffIds(), null);
        }
        return new DockerfilePins.BaseImage(
                name,
                f.id(),
                f.id(),
                f.diffIds(),
                "Base image " + name + " has no registry digest (it was made on this engine, never pushed or"
                        + " pulled), so it is pinned by its image id " + f.id()
                        + ", which only this engine knows; push it to a registry to pin it portably");
    }

    static String repositoryOf(String name) {
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(0, colon) : name;
    }

    /**
     * Normalises the image under {@code tag} and loads it back under the same tag; the image it
     * replaces is removed when nothing else uses it. Works in {@code work}, which the caller removes.
     */
    public Normalisation normalise(
            String tag, long epoch, List<DockerfilePins.BaseImage> bases, Set<String> droppedLabels, Path work) {
        long start = System.nanoTime();
        ImageFacts before = images.facts(tag)
                .orElseThrow(() -> new ImageBuildFailedException("the built image " + tag + " is gone"));
        List<List<String>> baseLayers =
                bases.stream().map(DockerfilePins.BaseImage::diffIds).toList();
        try {
            ImageNormaliser.Normalised n =
                    normaliser.normalise(archives, tag, epoch, before.diffIds(), baseLayers, droppedLabels, work);
            if (!n.imageId().equals(before.id())) {
                images.removeIfUnused(before.id());
            }
            long loaded = System.nanoTime();
            ImageFacts after = images.facts(tag)
                    .orElseThrow(() -> new ImageBuildFailedException("the normalised image " + tag + " is gone"));
            if (!after.id().equals(n.imageId())) {
                throw new ImageBuildFailedException(
                        "the engine loaded the normalised image as " + after.id() + " instead of " + n.imageId());
            }
            return new Normalisation(
                    before.id(),
                    after.id(),
                    after.size(),
                    n.diffIds().size() - n.baseLayers(),
                    n.removed(),
                    n.emptied(),
                    n.pycs(),
                    Duration.ofNanos(System.nanoTime() - start),
                    n.saveMillis(),
                    n.rewriteMillis(),
                    (loaded - start) / 1_000_000 - n.saveMillis() - n.rewriteMillis());
        } catch (IOException e) {
            throw new ImageBuildFailedException("normalising the image failed: " + e.getMessage());
        }
    }

    /**
     * Where two images first differ (a layer and a file in it, or a config field); empty when they
     * are the same image. Layers both have are not read.
     */
    public Optional<ImageDifference.Difference> compare(String image, String other, Path work) {
        ImageFacts a = images.facts(image)
                .orElseThrow(() -> new ImageBuildFailedException("the image " + image + " is no longer on the engine"));
        ImageFacts b = images.facts(other)
                .orElseThrow(() -> new ImageBuildFailedException("the image " + other + " is no longer on the engine"));
        if (a.id().equals(b.id())) {
            return Optional.empty();
        }
        Set<String> common = new java.util.HashSet<>(a.diffIds());
        common.retainAll(b.diffIds());
        try {
            AtomicReference<SavedImage> first = new AtomicReference<>();
            AtomicReference<SavedImage> second = new AtomicReference<>();
            archives.save(image, in -> first.set(SavedImage.read(in, work.resolve("a"), common, json)));
            archives.save(other, in -> second.set(SavedImage.read(in, work.resolve("b"), common, json)));
            return ImageDifference.between(first.get(), second.get(), json);
        } catch (IOException e) {
            throw new ImageBuildFailedException("comparing the images failed: " + e.getMessage());
        }
    }

    /**
     * What normalisation did.
     *
     * @param builtImageId the image id the engine built
     * @param imageId the normalised image's id
     * @param size its size in bytes
     * @param layersRewritten layers the build made, rewritten
     * @param noiseRemoved noise files dropped
     * @param logsEmptied log files emptied
     * @param pycsClamped .pyc time stamps clamped
     * @param took how long it took
     * @param saveMillis of which until {@code docker save} was read to its end (the build's layers
     *     are rewritten into {@code docker load} meanwhile, as soon as each is whole)
     * @param rewriteMillis from then until the load archive was written: the rewriting that did not
     *     overlap the save
     * @param loadMillis from then until the engine had loaded the image, and removing the engine's own image
     */
    public record Normalisation(
            String builtImageId,
            String imageId,
            long size,
            int layersRewritten,
            int noiseRemoved,
            int logsEmptied,
            int pycsClamped,
            Duration took,
            long saveMillis,
            long rewriteMillis,
            long loadMillis) {}
}
