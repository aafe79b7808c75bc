package io.daas.builder.reproducible;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.PruneType;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code buildOptions.reproducible}: each kind that builds here without network, built twice with
 * no cache and with the first image and the engine's build cache removed in between, gives the same
 * image id; pushed twice to a registry, the same manifest digest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"builder.build-network=none", "builder.build-cpu-limit=0"})
class ReproducibleBuildIntegrationTests extends ServiceIntegrationTest {

    private static final TestRegistry REGISTRY = TestRegistry.open();
    private static final String MIRROR = System.getenv().getOrDefault("BASE_IMAGE_MIRROR", "127.0.0.1:5000/mirror");

    /** Copies files, sorts them with a command, and writes an output: all deterministic. */
    private static final Map<String, String> DOCKERFILE_BUNDLE = Map.of(
            "Dockerfile",
            "FROM " + MIRROR + "/busybox:1.36\n"
                    + "WORKDIR /app\n"
                    + "COPY . /app/\n"
                    + "RUN sort words.txt > sorted.txt && mkdir -p /out && cp sorted.txt /out/ && echo built > /out/marker\n"
                    + "LABEL org.example.kind=fixture\n"
                    + "CMD [\"cat\", \"/out/sorted.txt\"]\n",
            "words.txt",
            "pear\napple\nfig\n",
            "sub/dir/file.txt",
            "nested\n");

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        registry.add("builder.base-image-mirror", () -> MIRROR);
    }

    @AfterAll
    void stopRegistry() {
        REGISTRY.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dockerfile", "static", "go", "rust", "python"})
    void aBundleBuiltTwiceFromScratchGivesTheSameImageIdAndManifestDigest(String kind) {
        byte[] bundle = kind.equals("dockerfile") ? Bundles.targz(DOCKERFILE_BUNDLE) : Bundles.fixture("e2e-" + kind);
        String bundleId = api.upload(bundle);

        Built first = build(bundleId, kind, "first");
        TestEngine.removeImage("daas-app:" + first.buildId());
        TestEngine.client().pruneCmd(PruneType.BUILD).exec();
        Built second = build(bundleId, kind, "second");
        try {
            assertThat(second.imageId()).as(kind + ": image id").isEqualTo(first.imageId());
            assertThat(second.manifestDigest()).as(kind + ": manifest digest").isEqualTo(first.manifestDigest());
            Map<String, String> labels = TestEngine.inspect("daas-app:" + second.buildId())
                    .getConfig()
                    .getLabels();
            assertThat(labels == null ? Map.of() : labels)
                    .as("no per-build label is hashed into the image")
                    .doesNotContainKey("daas.build.id");
            JsonNode used = api.get("/api/docker/build/" + second.buildId() + "/dockerfile")
                    .json()
                    .path("data");
            assertThat(used.path("dockerfile").asString()).contains("@sha256:").contains("ARG SOURCE_DATE_EPOCH");
            if (!kind.equals("dockerfile")) {
                assertThat(used.path("plan").path("baseImages").toString()).contains("@sha256:");
            }
        } finally {
            TestEngine.removeImage("daas-app:" + second.buildId());
        }
    }

    private Built build(String bundleId, String kind, String tag) {
        String body = "{\"bundleId\":\"" + bundleId + "\",\"buildOptions\":{\"reproducible\":true,\"noCache\":true},"
                + "\"registry\":{\"url\":\"" + REGISTRY.address() + "\",\"repository\":\"repro-" + kind
                + "\",\"tag\":\"" + tag + "\"}}";
        var r = api.postJson("/api/docker/build", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.text("buildId");
        JsonNode data = api.awaitEnd(id, Duration.ofMinutes(6));
        assertThat(data.path("status").asString())
                .as(data.path("error").asString() + "\n" + data.path("logs"))
                .isEqualTo("success");
        return new Built(
                id,
                data.path("imageId").asString(),
                data.path("push").path("digest").asString());
    }

    private record Built(String buildId, String imageId, String manifestDigest) {}
}
