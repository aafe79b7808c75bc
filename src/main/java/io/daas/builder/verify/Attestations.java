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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A built image's signed provenance (in-toto statement with the SBOM's digest): written at the end
 * of every build with an image, and after a push naming the manifest digest, pushed beside the image.
 */
@Component
public class Attestations {

    private static final Logger log = LoggerFactory.getLogger(Attestations.class);

    private final VerifiableRecords records;
    private final Provenance provenance;
    private final BuildRepository builds;
    private final BuildDockerfileRepository dockerfiles;
    private final BundleResolver bundles;
    private final AttestationPusher attestations;

    Attestations(
            VerifiableRecords records,
            Provenance provenance,
            BuildRepository builds,
            BuildDockerfileRepository dockerfiles,
            BundleResolver bundles,
            AttestationPusher attestations) {
        this.records = records;
        this.provenance = provenance;
        this.builds = builds;
        this.dockerfiles = dockerfiles;
        this.bundles = bundles;
        this.attestations = attestations;
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
