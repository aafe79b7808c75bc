package io.daas.builder.build;

import io.daas.builder.engine.BuiltImage;
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
import org.springframework.stereotype.Component;

/**
 * The steps a reproducible build adds to {@link BuildExecution}: before the engine builds, the
 * SOURCE_DATE_EPOCH and the Dockerfile pinned by digest; after, the normalised image.
 */
@Component
class VerifiableSteps {

    private final ReproducibleBuilds reproducible;
    private final VerifiableRecords records;

    VerifiableSteps(ReproducibleBuilds reproducible, VerifiableRecords records) {
        this.reproducible = reproducible;
        this.records = records;
    }

    /**
     * The Dockerfile to build and, for a reproducible build, its SOURCE_DATE_EPOCH and pinned bases.
     *
     * @param dockerfile the Dockerfile to build (pinned for a reproducible build)
     * @param epoch SOURCE_DATE_EPOCH, or null when the build is not reproducible
     * @param bases the pinned base images
     */
    record Prepared(ResolvedDockerfile dockerfile, Long epoch, List<DockerfilePins.BaseImage> bases) {

        boolean reproducible() {
            return epoch != null;
        }

        Map<String, String> buildArgs(Map<String, String> requested) {
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
    Prepared prepare(Build build, Path bundle, Path context, ResolvedDockerfile resolved, Consumer<String> log) {
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
    BuiltImage normalise(
            Build build, Prepared prepared, String tag, BuiltImage image, Path work, Consumer<String> log) {
        if (!prepared.reproducible()) {
            return image;
        }
        ReproducibleBuilds.Normalisation n = reproducible.normalise(
                tag,
                prepared.epoch(),
                prepared.bases(),
                Set.of(BuildExecution.BUILD_ID_LABEL, BuildExecution.WALLET_LABEL),
                work);
        records.saveNormalisation(build.id(), n);
        log.accept("Normalised the image in " + n.took().toMillis() + " ms: " + n.layersRewritten()
                + " layers rewritten, " + n.noiseRemoved() + " noise files removed, " + n.logsEmptied()
                + " logs emptied, " + n.pycsClamped() + " .pyc time stamps clamped; image id " + n.imageId());
        return new BuiltImage(n.imageId(), n.size());
    }
}
