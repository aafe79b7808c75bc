package io.daas.builder.verify;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.bundle.BundleId;
import io.daas.builder.bundle.BundleResolver;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.plan.BuildDockerfileRepository;
import io.daas.builder.plan.ResolvedDockerfile;
import io.daas.builder.provenance.Dsse;
import io.daas.builder.provenance.Provenance;
import io.daas.builder.provenance.ProvenanceStatement;
import io.daas.builder.provenance.VerifiableRecords;
import io.daas.builder.registry.AttestationPusher;
import io.daas.builder.registry.PushTarget;
import io.daas.builder.registry.PushedImage;
import io.daas.builder.registry.RegistryException;
import io.daas.builder.reproducible.Digests;
import io.daas.builder.reproducible.DockerfilePins;
import io.daas.builder.reproducible.ReproducibleBuilds;
import io.daas.builder.reproducible.SourceDateEpoch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The verifiable-build steps of {@link io.daas.builder.lifecycle.BuildExecution} and {@link io.daas.builder.push.PushService}: for a reproducible
 * build, SOURCE_DATE_EPOCH and the Dockerfile pinned by digest before the engine builds and the
 * normalised image after; for every build with an image, its SBOM and signed provenance (pushed
 * beside the image when it is pushed).
 */
@Component
public class VerifiableSteps {

    private static final Logger log = LoggerFactory.getLogger(VerifiableSteps.class);

    private final ReproducibleBuilds reproducible;
    private final VerifiableRecords records;
    private final Provenance provenance;
    private final BuildRepository builds;
    private final BuildDockerfileRepository dockerfiles;
    private final BundleResolver bundles;
    private final AttestationPusher attestations;

    VerifiableSteps(
            ReproducibleBuilds reproducible,
            VerifiableRecords records,
            Provenance provenance,
            BuildRepository builds,
            BuildDockerfileRepository dockerfiles,
            BundleResolver bundles,
            AttestationPusher attestations) {
        this.reproducible = reproducible;
        this.records = records;
        this.provenance = provenance;
        this.builds = builds;
        this.dockerfiles = dockerfiles;
        this.bundles = bundles;
        this.attestations = attestations;
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

    /** At the end of a build with an image: its signed provenance, unless its push already wrote one. */
    public void attest(Build build, BuiltImage image, String tag) {
        boolean written = records.find(build.id())
                .map(VerifiableRecords.VerifiableRecord::provenance)
                .isPresent();
        if (!written) {
            provenance.attest(input(build, tag, image.imageId(), null, null));
        }
    }

    /**
     * After an image was pushed: its provenance names the manifest digest too, and is pushed beside
     * the image as {@code sha256-<digest>.att}. Never fails the push; what happened is recorded.
     */
    public void afterPush(String buildId, String imageId, PushTarget target, PushedImage pushed) {
        try {
            Build build = builds.find(buildId).orElseThrow(() -> new BuildNotFoundException(buildId));
            String tag = build.imageTag() != null ? build.imageTag() : ImageLabels.IMAGE_REPOSITORY + ":" + buildId;
            Dsse.Envelope envelope =
                    provenance.attest(input(build, tag, imageId, target.repositoryReference(), pushed.digest()));
            String reference = target.repositoryReference() + ":" + AttestationPusher.tagFor(pushed.digest());
            try {
                PushedImage att = attestations.push(
                        target, pushed.digest(), provenance.bytes(envelope), ProvenanceStatement.PREDICATE_TYPE);
                records.saveAttestationPush(
                        buildId, new VerifiableRecords.AttestationPush(att.registryTag(), att.digest(), null));
            } catch (RegistryException e) {
                records.saveAttestationPush(
                        buildId, new VerifiableRecords.AttestationPush(reference, null, e.getMessage()));
                log.warn("build {}: provenance not pushed: {}", buildId, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("build {}: no provenance after the push", buildId, e);
        }
    }

    private ProvenanceStatement.Input input(
            Build build, String imageName, String imageId, String repository, String manifestDigest) {
        Optional<VerifiableRecords.VerifiableRecord> record = records.find(build.id());
        BundleId bundle = BundleId.parse(build.bundleId());
        String sbom = record.map(VerifiableRecords.VerifiableRecord::sbom).orElse(null);
        return new ProvenanceStatement.Input(
                build.id(),
                build.bundleId(),
                bundle.isLocalDigest() ? null : build.bundleId(),
                bundleSha256(bundle),
                build.options().withSecretsMasked(),
                imageName,
                imageId,
                repository,
                manifestDigest,
                record.map(VerifiableRecords.VerifiableRecord::bases).orElse(List.of()),
                record.map(VerifiableRecords.VerifiableRecord::sourceDateEpoch).orElse(null),
                dockerfiles.find(build.id()).map(ResolvedDockerfile::sha256).orElse(null),
                build.walletAddress(),
                build.startedAt(),
                build.endedAt() != null ? build.endedAt() : Instant.now(),
                provenance.builderId(),
                provenance.builderVersion(),
                sbom == null
                        ? null
                        : Digests.of(sbom.getBytes(StandardCharsets.UTF_8)).substring(7));
    }

    private String bundleSha256(BundleId bundle) {
        if (bundle.isLocalDigest()) {
            return bundle.value();
        }
        try (InputStream in = Files.newInputStream(bundles.fetch(bundle))) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not hash bundle " + bundle + ": " + e.getMessage(), e);
        }
    }
}
