package io.daas.builder.verify;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.plan.ResolvedDockerfile;
import io.daas.builder.provenance.Provenance;
import io.daas.builder.provenance.VerifiableRecords;
import io.daas.builder.reproducible.DockerfilePins;
import io.daas.builder.reproducible.ReproducibleBuilds;
import io.daas.builder.reproducible.SourceDateEpoch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The verifiable-build steps of a build (see {@code execution/PlanStep} and {@code ImageBuildStep}):
 * for a reproducible build, SOURCE_DATE_EPOCH and the Dockerfile pinned by digest before the engine
 * builds and the normalised image after; for every build with an image, its SBOM. Its signed
 * provenance is {@link Attestations}'.
 */
@Component
public class VerifiableSteps {

    private static final Logger log = LoggerFactory.getLogger(VerifiableSteps.class);

    private final ReproducibleBuilds reproducible;
    private final VerifiableRecords records;
    private final Provenance provenance;

    VerifiableSteps(ReproducibleBuilds reproducible, VerifiableRecords records, Provenance provenance) {
        this.reproducible = reproducible;
        this.records = records;
        this.provenance = provenance;
    }

    /**
     * The Dockerfile to build and, for a reproducible build, its SOURCE_DATE_EPOCH and pinned bases.
     *
     * @param dockerfile the Dockerfile to build (pinned for a reproducible build)
     * @param epoch SOURCE_DATE_EPOCH, or null when the build is not reproducible
     * @param bases the pinned base images
     */
    public record Prepared(ResolvedDockerfile dockerfile, Long epoch, List<DockerfilePins.BaseImage> bases) {

        public boolean reproducible() {
            return epoch != null;
        }

        public Map<String, String> buildArgs(Map<String, String> requested) {
            if (!reproducible()) {
                return requested;
            }
            Map<String, String> args = new HashMap<>(requested);
            args.put(DockerfilePins.EPOCH_ARG, String.valueOf(epoch));
            return args;
        }
    }

    /**
     * For a reproducible build: fixes SOURCE_DATE_EPOCH, pins the Dockerfile's bases (written into
     * the context, and kept as the build's Dockerfile and plan). Returns the Dockerfile to build.
     */
    public Prepared prepare(Build build, Path bundle, Path context, ResolvedDockerfile resolved, Consumer<String> log) {
        if (!build.options().reproducible()) {
            return new Prepared(resolved, null, List.of());
        }
        long epoch;
        try {
            epoch = SourceDateEpoch.of(
                    build.options().sourceDateEpoch(), bundle, Instant.now().getEpochSecond());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DockerfilePins.Pinned pinned = reproducible.pin(context, resolved.path(), resolved.text());
        records.savePrepared(build.id(), epoch, pinned.bases(), pinned.notes());
        log.accept("Reproducible build: SOURCE_DATE_EPOCH=" + epoch + ", base images pinned: "
                + String.join(
                        ", ",
                        pinned.bases().stream()
                                .map(DockerfilePins.BaseImage::pinned)
                                .toList()));
        pinned.notes().forEach(log);
        ResolvedDockerfile used = new ResolvedDockerfile(
                resolved.source(),
                resolved.path(),
                pinned.dockerfile(),
                resolved.plan() == null
                        ? null
                        : resolved.plan()
                                .pinned(
                                        pinned.bases().stream()
                                                .map(DockerfilePins.BaseImage::pinned)
                                                .toList(),
                                        pinned.dockerfile(),
                                        pinned.notes()));
        return new Prepared(used, epoch, pinned.bases());
    }

    /** Normalises the image of a reproducible build (under the same tag); returns the image to keep. */
    public BuiltImage normalise(
            Build build, Prepared prepared, String tag, BuiltImage image, Path work, Consumer<String> log) {
        if (!prepared.reproducible()) {
            return image;
        }
        ReproducibleBuilds.Normalisation n = reproducible.normalise(
                tag, prepared.epoch(), prepared.bases(), Set.of(ImageLabels.BUILD_ID, ImageLabels.WALLET), work);
        records.saveNormalisation(build.id(), n);
        log.accept("Normalised the image in " + n.took().toMillis() + " ms (save " + n.saveMillis() + " ms, rewrite "
                + n.rewriteMillis() + " ms, load " + n.loadMillis() + " ms): " + n.layersRewritten()
                + " layers rewritten, " + n.noiseRemoved() + " noise files removed, " + n.logsEmptied()
                + " logs emptied, " + n.pycsClamped() + " .pyc time stamps clamped; image id " + n.imageId());
        return new BuiltImage(n.imageId(), n.size());
    }

    /** The SBOM of a built image (lockfiles in the context, OS packages in the image); a failure is logged, not fatal. */
    public void recordSbom(
            Build build, Prepared prepared, String tag, BuiltImage image, Path context, Consumer<String> out) {
        try {
            Instant at = prepared.reproducible() ? Instant.ofEpochSecond(prepared.epoch()) : Instant.now();
            provenance.recordSbom(build.id(), tag, image.imageId(), context, at);
        } catch (RuntimeException e) {
            log.warn("build {}: no SBOM", build.id(), e);
            out.accept("No SBOM was written: " + e.getMessage());
        }
    }

    /** A build answered with an identical earlier build's image takes that build's epoch, bases and SBOM. */
    public void reuse(Build build, Build source) {
        records.find(source.id()).ifPresent(r -> {
            if (r.sourceDateEpoch() != null) {
                records.savePrepared(build.id(), r.sourceDateEpoch(), r.bases(), r.notes());
            }
            if (r.sbom() != null) {
                records.saveSbom(build.id(), r.sbom());
            }
        });
    }
}
