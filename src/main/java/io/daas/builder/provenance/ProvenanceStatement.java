package io.daas.builder.provenance;

import io.daas.builder.reproducible.DockerfilePins.BaseImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-toto Statement v1 (https://in-toto.io/Statement/v1) with a SLSA Provenance v1 predicate
 * (https://slsa.dev/provenance/v1) for one build.
 */
public final class ProvenanceStatement {

    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    /** What our buildDefinition means: docs/verifiable-builds.md describes its parameters. */
    public static final String BUILD_TYPE =
            "https://github.com/daas-builder/daas-builder/docs/verifiable-builds.md#build-type-v1";

    private ProvenanceStatement() {}

    /**
     * What a provenance says about one build.
     *
     * @param buildId the build
     * @param bundleId as the request named it
     * @param walrusBlobId the Walrus blob id, or null for a bundle uploaded here
     * @param bundleSha256 SHA-256 of the bundle archive, hex
     * @param buildOptions the request's build options, secret values masked
     * @param imageName the local image name, like daas-app:ID
     * @param imageId the image id (config digest, sha256:...)
     * @param pushedRepository where it was pushed (registry/namespace/repository), or null
     * @param manifestDigest the pushed manifest digest (sha256:...), or null
     * @param bases base images, pinned
     * @param sourceDateEpoch SOURCE_DATE_EPOCH of a reproducible build, or null
     * @param dockerfileSha256 SHA-256 of the Dockerfile built, hex
     * @param walletAddress the DAAS wallet, or null
     * @param startedOn when the build started
     * @param finishedOn when it ended
     * @param builderId the SLSA builder id
     * @param builderVersion the service's version
     * @param sbomSha256 SHA-256 of the SBOM document, hex, or null
     */
    public record Input(
            String buildId,
            String bundleId,
            String walrusBlobId,
            String bundleSha256,
            Object buildOptions,
            String imageName,
            String imageId,
            String pushedRepository,
            String manifestDigest,
            List<BaseImage> bases,
            Long sourceDateEpoch,
            String dockerfileSha256,
            String walletAddress,
            Instant startedOn,
            Instant finishedOn,
            String builderId,
            String builderVersion,
            String sbomSha256) {}

    static byte[] of(Input in, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("_type", STATEMENT_TYPE);
        ArrayNode subject = root.putArray("subject");
        digest(subject.addObject().put("name", in.imageName()), in.imageId());
        if (in.manifestDigest() != null) {
            digest(subject.addObject().put("name", in.pushedRepository()), in.manifestDigest());
        }
        root.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = root.putObject("predicate");
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", BUILD_TYPE);
        ObjectNode external = definition.putObject("externalParameters");
        external.put("bundleId", in.bundleId());
        external.put("walrusBlobId", in.walrusBlobId());
        external.put("bundleSha256", in.bundleSha256());
        external.set("buildOptions", json.valueToTree(in.buildOptions()));
        ObjectNode internal = definition.putObject("internalParameters");
        if (in.sourceDateEpoch() != null) {
            internal.put("sourceDateEpoch", in.sourceDateEpoch());
        }
        internal.put("dockerfileSha256", in.dockerfileSha256());
        internal.put("walletAddress", in.walletAddress());
        ArrayNode deps = definition.putArray("resolvedDependencies");
        ObjectNode bundle = deps.addObject();
        bundle.put(
                "uri", in.walrusBlobId() != null ? "walrus:blob/" + in.walrusBlobId() : "daas:bundle/" + in.bundleId());
        bundle.putObject("digest").put("sha256", in.bundleSha256());
        bundle.put("name", "bundle");
        for (BaseImage base : in.bases()) {
            ObjectNode dep = deps.addObject();
            dep.put("uri", "docker-image://" + base.pinned());
            String d = base.pinned().contains("@sha256:")
                    ? base.pinned().substring(base.pinned().indexOf("@sha256:") + 1)
                    : base.imageId();
            dep.putObject("digest").put("sha256", d.substring("sha256:".length()));
            dep.put("name", base.name());
        }
        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", in.builderId());
        builder.putObject("version").put("daas-builder", in.builderVersion());
        ObjectNode metadata = run.putObject("metadata");
        metadata.put("invocationId", in.buildId());
        metadata.put("startedOn", in.startedOn() == null ? null : in.startedOn().toString());
        metadata.put(
                "finishedOn", in.finishedOn() == null ? null : in.finishedOn().toString());
        if (in.sbomSha256() != null) {
            ObjectNode sbom = run.putArray("byproducts").addObject();
            sbom.put("name", "sbom");
            sbom.put("uri", "/api/docker/build/" + in.buildId() + "/sbom");
            sbom.put("mediaType", "application/vnd.cyclonedx+json");
            sbom.putObject("digest").put("sha256", in.sbomSha256());
        }
        return json.writeValueAsBytes(root);
    }

    private static void digest(ObjectNode subject, String digest) {
        subject.putObject("digest").put("sha256", digest.substring(digest.indexOf(':') + 1));
    }

    /** The subject digests of a statement, as {@code sha256:<hex>}, by name. */
    public static Map<String, String> subjects(byte[] statement, ObjectMapper json) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        json.readTree(statement)
                .path("subject")
                .forEach(s -> out.put(
                        s.path("name").asString(),
                        "sha256:" + s.path("digest").path("sha256").asString()));
        return out;
    }
}
