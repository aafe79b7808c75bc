package io.daas.builder.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.Poll;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed provenance, SBOMs and reproduction checks of real builds on the engine, pushed to a real
 * registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"builder.build-network=none", "builder.build-cpu-limit=0"})
class VerifiableBuildIntegrationTests extends ServiceIntegrationTest {

    private static final TestRegistry REGISTRY = TestRegistry.open();
    private static final String MIRROR = System.getenv().getOrDefault("BASE_IMAGE_MIRROR", "127.0.0.1:5000/mirror");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        registry.add("builder.base-image-mirror", () -> MIRROR);
    }

    @AfterAll
    void stopRegistry() {
        REGISTRY.close();
    }

    @Test
    void theProvenanceOfAPushedImageVerifiesWithTheServedKeyAndNamesThePushedDigest() throws Exception {
        String bundle = api.upload(Bundles.targz(Map.of(
                "Dockerfile", "FROM " + MIRROR + "/busybox:1.36\nCOPY hello.txt /hello.txt\n", "hello.txt", "hi\n")));
        String id = build(bundle, "{\"reproducible\":true}", "provenance");
        try {
            JsonNode build = api.get("/api/docker/build/" + id).json().path("data");
            String pushed = build.path("push").path("digest").asString();
            JsonNode data =
                    api.get("/api/docker/build/" + id + "/provenance").json().path("data");
            Dsse.Envelope envelope = JSON.treeToValue(data.path("envelope"), Dsse.Envelope.class);
            PublicKey key = SigningKey.readPublicKey(
                    api.get("/api/docker/provenance/key.pem").body());

            assertThat(Dsse.verify(envelope, key)).isTrue();
            Map<String, String> subjects = ProvenanceStatement.subjects(envelope.payloadBytes(), JSON);
            assertThat(subjects)
                    .containsEntry(REGISTRY.address() + "/daas/provenance", pushed)
                    .containsEntry("daas-app:" + id, build.path("imageId").asString());
            JsonNode statement = JSON.readTree(envelope.payloadBytes());
            assertThat(statement.path("predicateType").asString()).isEqualTo("https://slsa.dev/provenance/v1");
            JsonNode definition = statement.path("predicate").path("buildDefinition");
            assertThat(definition
                            .path("externalParameters")
                            .path("bundleSha256")
                            .asString())
                    .isEqualTo(bundle);
            assertThat(definition.path("resolvedDependencies").toString()).contains(MIRROR + "/busybox@sha256:");
            assertThat(statement
                            .path("predicate")
                            .path("runDetails")
                            .path("metadata")
                            .path("invocationId")
                            .asString())
                    .isEqualTo(id);
            assertThat(statement
                            .path("predicate")
                            .path("runDetails")
                            .path("byproducts")
                            .path(0)
                            .path("uri")
                            .asString())
                    .isEqualTo("/api/docker/build/" + id + "/sbom");

            String tampered = new String(envelope.payloadBytes(), StandardCharsets.UTF_8)
                    .replace(pushed.substring(7), "0".repeat(64));
            Dsse.Envelope forged = new Dsse.Envelope(
                    envelope.payloadType(),
                    Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.UTF_8)),
                    envelope.signatures());
            assertThat(Dsse.verify(forged, key)).isFalse();

            // pushed beside the image with cosign's tag scheme: one DSSE layer that is the envelope
            String tag = pushed.replace(':', '-') + ".att";
            JsonNode manifest = JSON.readTree(
                    registryGet("/v2/daas/provenance/manifests/" + tag, "application/vnd.oci.image.manifest.v1+json"));
            JsonNode layer = manifest.path("layers").path(0);
            assertThat(layer.path("mediaType").asString()).isEqualTo("application/vnd.dsse.envelope.v1+json");
            byte[] blob = registryGet(
                    "/v2/daas/provenance/blobs/" + layer.path("digest").asString(), "*/*");
            assertThat(Dsse.verify(JSON.readValue(blob, Dsse.Envelope.class), key))
                    .isTrue();
            assertThat(data.path("attestation").path("reference").asString())
                    .isEqualTo(REGISTRY.address() + "/daas/provenance:" + tag);
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    @Test
    void theSbomListsExactlyTheLockfilesPackagesAndTheImagesDpkgPackages() throws Exception {
        String lock = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/resources/fixtures/sbom-node/package-lock.json"));
        String bundle = api.upload(Bundles.targz(Map.of(
                "Dockerfile",
                "FROM " + MIRROR + "/debian:bookworm-slim\nWORKDIR /app\nCOPY . /app/\n",
                "package.json",
                "{\"name\":\"sbom-fixture\",\"version\":\"1.0.0\"}",
                "package-lock.json",
                lock)));
        String id = build(bundle, null, null);
        try {
            Response r = api.get("/api/docker/build/" + id + "/sbom");
            assertThat(r.status()).isEqualTo(200);
            JsonNode sbom = r.json().path("data");
            byte[] document = JSON.writeValueAsBytes(sbom);
            assertThat(new JsonParser().validate(document, org.cyclonedx.Version.VERSION_16))
                    .isEmpty();

            Set<String> npm = new TreeSet<>();
            Set<String> deb = new TreeSet<>();
            for (JsonNode c : sbom.path("components")) {
                String purl = c.path("purl").asString();
                String name = c.has("group")
                        ? c.path("group").asString() + "/" + c.path("name").asString()
                        : c.path("name").asString();
                if (purl.startsWith("pkg:npm/")) {
                    npm.add(name + "@" + c.path("version").asString());
                } else if (purl.startsWith("pkg:deb/")) {
                    deb.add(name + "@" + c.path("version").asString());
                }
            }
            assertThat(npm).isEqualTo(lockfilePackages(JSON.readTree(lock)));
            String dpkg = TestEngine.run("daas-app:" + id, "dpkg-query", "-W", "-f", "${Package}@${Version}\\n");
            Set<String> installed = Arrays.stream(dpkg.split("\n"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(deb).isNotEmpty().isEqualTo(installed);
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    @Test
    void aReproducibleBuildReproducesAndADifferentOneNamesTheLayerAndFile() {
        String same = api.upload(Bundles.targz(Map.of(
                "Dockerfile",
                "FROM " + MIRROR + "/busybox:1.36\nCOPY . /app/\nRUN echo fixed > /app/out.txt\n",
                "in.txt",
                "x\n")));
        String id = build(same, "{\"reproducible\":true}", null);
        String drifting = api.upload(Bundles.targz(Map.of(
                "Dockerfile",
                "FROM " + MIRROR + "/busybox:1.36\nCOPY . /app/\nRUN od -An -N16 -tx1 /dev/urandom > /app/now.txt\n",
                "in.txt",
                "x\n")));
        String other = build(drifting, "{\"reproducible\":true}", null);
        List<String> rebuilds = new java.util.ArrayList<>();
        try {
            JsonNode ok = reproduce(id, rebuilds);
            assertThat(ok.path("match").asBoolean()).as(ok.toString()).isTrue();
            assertThat(ok.path("rebuildImageId").asString())
                    .isEqualTo(ok.path("imageId").asString());

            JsonNode differs = reproduce(other, rebuilds);
            assertThat(differs.path("match").asBoolean()).as(differs.toString()).isFalse();
            assertThat(differs.path("difference").path("path").asString()).isEqualTo("app/now.txt");
            assertThat(differs.path("difference").path("what").asString()).isEqualTo("content");
            assertThat(differs.path("difference").path("layer").asInt()).isPositive();

            Response notReproducible = api.postJson("/api/docker/build/" + build(same, null, null) + "/reproduce", "");
            assertThat(notReproducible.status()).isEqualTo(400);
            assertThat(notReproducible.text("message")).contains("buildOptions.reproducible");
        } finally {
            TestEngine.removeImage("daas-app:" + id);
            TestEngine.removeImage("daas-app:" + other);
            rebuilds.forEach(r -> TestEngine.removeImage("daas-app:" + r));
        }
    }

    private JsonNode reproduce(String id, List<String> rebuilds) {
        Response started = api.postJson("/api/docker/build/" + id + "/reproduce", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        rebuilds.add(started.json().path("data").path("rebuildId").asString());
        try {
            return Poll.every(Duration.ofMillis(250), Duration.ofMinutes(5))
                    .until(
                            () -> api.get("/api/docker/build/" + id + "/reproduce")
                                    .json()
                                    .path("data"),
                            data -> data.has("match") && !data.path("match").isNull());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the reproduction of " + id + " did not end");
        }
    }

    private static Set<String> lockfilePackages(JsonNode lock) {
        Set<String> out = new TreeSet<>();
        lock.path("packages").properties().forEach(e -> {
            int at = e.getKey().lastIndexOf("node_modules/");
            if (at >= 0) {
                out.add(e.getKey().substring(at + "node_modules/".length()) + "@"
                        + e.getValue().path("version").asString());
            }
        });
        return out;
    }

    private String build(String bundleId, String options, String repository) {
        String body = "{\"bundleId\":\"" + bundleId + "\""
                + (options == null ? "" : ",\"buildOptions\":" + options)
                + (repository == null
                        ? ""
                        : ",\"registry\":{\"url\":\"" + REGISTRY.address() + "\",\"repository\":\"" + repository
                                + "\"}")
                + "}";
        Response r = api.postJson("/api/docker/build", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.text("buildId");
        JsonNode data = api.awaitEnd(id, Duration.ofMinutes(5));
        assertThat(data.path("status").asString())
                .as(data.path("error").asString() + "\n" + data.path("logs"))
                .isEqualTo("success");
        return id;
    }

    private byte[] registryGet(String path, String accept) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + REGISTRY.address() + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode())
                .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return r.body();
    }
}
