package io.daas.builder.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.FakeWalrus;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The original DAAS backend's client (NautilusService, TypeScript with axios) against this service:
 * its exact request bodies, bundles named by Walrus blob id, and the answers it reads.
 */
class DaasClientCompatibilityIntegrationTests extends ServiceIntegrationTest {

    private static final FakeWalrus WALRUS = FakeWalrus.start();
    private static final Duration BUILD_TIME = Duration.ofSeconds(120);
    /** The wallet the issue abbreviates as 0xabab...ab. */
    private static final String WALLET = "0x" + "ab".repeat(32);

    /** The three bodies the client sends (issue 13), byte for byte; only {@code <id>} is replaced. */
    private static final String WITH_BUILD_ARGS =
            "{\"bundleId\":\"<id>\",\"buildOptions\":{\"platform\":\"linux/amd64\","
                    + "\"buildArgs\":{\"NODE_ENV\":\"production\"},\"labels\":{\"daas.wallet\":\"" + WALLET + "\","
                    + "\"daas.timestamp\":\"1795973599496\",\"daas.service\":\"nautilus-docker-builder\"}}}";

    private static final String FALLBACK = "{\"bundleId\":\"<id>\",\"buildOptions\":{\"platform\":\"linux/amd64\","
            + "\"labels\":{\"daas.wallet\":\"" + WALLET + "\",\"daas.fallback\":\"true\",\"daas.reason\":"
            + "\"nautilus-unavailable\",\"daas.timestamp\":\"1795973599514\",\"daas.service\":"
            + "\"nautilus-docker-builder\"}}}";

    private static final String LABELS_ONLY = "{\"bundleId\":\"<id>\",\"buildOptions\":{\"labels\":{\"daas.wallet\":\""
            + WALLET + "\",\"daas.timestamp\":\"1795973599523\",\"daas.service\":\"nautilus-docker-builder\"}}}";

    private final List<String> images = new ArrayList<>();

    @DynamicPropertySource
    static void walrus(DynamicPropertyRegistry registry) {
        registry.add("builder.walrus.aggregator", WALRUS::url);
        registry.add("builder.walrus.fetch-timeout", () -> "5");
    }

    @AfterAll
    static void stopWalrus() {
        WALRUS.close();
    }

    @AfterEach
    void removeImages() {
        images.forEach(TestEngine::removeImage);
    }

    @Test
    void theClientsThreeRequestBodiesEachBuildToSuccessWithTheirLabelsAndWallet() {
        String first = WALRUS.put(project("first"));
        String second = WALRUS.put(project("second"));
        String third = WALRUS.put(project("third"));

        JsonNode a = buildToEnd(WITH_BUILD_ARGS.replace("<id>", first));
        JsonNode b = buildToEnd(FALLBACK.replace("<id>", second));
        JsonNode c = buildToEnd(LABELS_ONLY.replace("<id>", third));

        for (JsonNode data : List.of(a, b, c)) {
            assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
            assertThat(data.path("walletAddress").asString()).isEqualTo(WALLET);
            Map<String, String> labels = TestEngine.inspect(
                            data.path("imageTag").asString())
                    .getConfig()
                    .getLabels();
            assertThat(labels)
                    .containsEntry("daas.wallet", WALLET)
                    .containsEntry("daas.service", "nautilus-docker-builder")
                    .containsEntry("daas.build.id", data.path("buildId").asString())
                    .containsKey("daas.timestamp");
        }
        assertThat(labels(b))
                .containsEntry("daas.fallback", "true")
                .containsEntry("daas.reason", "nautilus-unavailable");
        assertThat(run(a)).contains("NODE_ENV=production").contains("bundle=first");
        assertThat(run(b)).contains("NODE_ENV=\n").contains("bundle=second");
        assertThat(run(c)).contains("bundle=third");
        String listed = api.get("/api/docker/builds?walletAddress=" + WALLET).body();
        assertThat(listed)
                .contains(a.path("buildId").asString())
                .contains(b.path("buildId").asString())
                .contains(c.path("buildId").asString());
    }

    @Test
    void theSameRequestWithALaterTimestampReusesTheEarlierImage() {
        String bundle = WALRUS.put(project("reused"));
        JsonNode first = buildToEnd(LABELS_ONLY.replace("<id>", bundle));
        JsonNode again = buildToEnd(LABELS_ONLY.replace("<id>", bundle).replace("1795973599523", "1795973612345"));

        assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("success");
        assertThat(again.path("imageId").asString())
                .isEqualTo(first.path("imageId").asString());
        assertThat(again.path("logs").toString()).contains("Reusing the image of identical build");
    }

    @Test
    void aWalletLabelThatIsNoSuiAddressIsRefusedNamingTheLabel() {
        String bundle = WALRUS.put(project("refused"));
        Response r = api.postJson(
                "/api/docker/build", LABELS_ONLY.replace("<id>", bundle).replace(WALLET, "0xabab...ab"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("message"))
                .contains("buildOptions.labels.daas.wallet")
                .contains("Sui address");
    }

    @Test
    void theClientsOtherCallsAnswerInTheShapesTheOriginalReadmeDocuments() throws Exception {
        Response health = api.get("/api/docker/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("success").asBoolean()).isTrue();
        assertThat(health.text("status")).isEqualTo("healthy");
        assertThat(health.text("message")).isNotBlank();
        assertThat(health.text("timestamp")).isNotBlank();

        JsonNode built = buildToEnd(WITH_BUILD_ARGS.replace("<id>", WALRUS.put(project("pushed"))));
        String id = built.path("buildId").asString();
        JsonNode status = api.get("/api/docker/build/" + id).json();
        assertThat(status.path("success").asBoolean()).isTrue();
        assertThat(status.path("data").path("buildId").asString()).isEqualTo(id);
        assertThat(status.path("data").path("status").asString()).isEqualTo("success");
        assertThat(status.path("data").path("progress").asInt()).isEqualTo(100);
        assertThat(status.path("data").path("currentStep").isString()).isTrue();
        assertThat(status.path("data").path("logs").isArray()).isTrue();
        assertThat(status.path("data").has("error")).isTrue();

        try (TestRegistry registry = TestRegistry.withBasicAuth("user", "pass")) {
            Response pushed = api.postJson(
                    "/api/docker/push",
                    "{\"buildId\":\"" + id + "\",\"registry\":{\"url\":\"" + registry.address()
                            + "\",\"username\":\"user\",\"password\":\"pass\",\"namespace\":\"client-ns\"}}");
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            assertThat(pushed.json().path("success").asBoolean()).isTrue();
            assertThat(pushed.text("registryTag")).isEqualTo(registry.address() + "/client-ns/daas-app:" + id);
            assertThat(pushed.text("message")).isEqualTo("Image pushed successfully");
            assertThat(registry.catalog()).contains("client-ns/daas-app");

            Response withoutNamespace = api.postJson(
                    "/api/docker/push",
                    "{\"buildId\":\"" + id + "\",\"registry\":{\"url\":\"" + registry.address()
                            + "\",\"username\":\"user\",\"password\":\"pass\"}}");
            assertThat(withoutNamespace.status()).as(withoutNamespace.body()).isEqualTo(200);
            assertThat(withoutNamespace.text("registryTag")).isEqualTo(registry.address() + "/daas/daas-app:" + id);
        }

        String slow = WALRUS.put(
                Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN sleep 60 # " + UUID.randomUUID() + "\n"));
        String running = start(LABELS_ONLY.replace("<id>", slow));
        images.add("daas-app:" + running);
        api.awaitStep(running, "RUN sleep 60", BUILD_TIME);
        Response cancelled = api.delete("/api/docker/build/" + running);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("success").asBoolean()).isTrue();
        assertThat(cancelled.text("message")).isEqualTo("Build cancelled successfully");
        assertThat(api.awaitEnd(running, Duration.ofSeconds(30)).path("status").asString())
                .isEqualTo("cancelled");
    }

    private JsonNode buildToEnd(String body) {
        String id = start(body);
        images.add("daas-app:" + id);
        return api.awaitEnd(id, BUILD_TIME);
    }

    private String start(String body) {
        Response r = api.postJson("/api/docker/build", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.text("statusUrl")).isEqualTo("/api/docker/build/" + r.text("buildId"));
        return r.text("buildId");
    }

    private static Map<String, String> labels(JsonNode data) {
        return TestEngine.inspect(data.path("imageTag").asString()).getConfig().getLabels();
    }

    private static String run(JsonNode data) {
        try {
            return TestEngine.run(data.path("imageTag").asString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A small project as the client's users upload it: a Dockerfile reading NODE_ENV, and a start script. */
    private static byte[] project(String name) {
        return Bundles.targz(Map.of(
                "Dockerfile",
                "FROM " + TestEngine.BUSYBOX + "\nARG NODE_ENV\nCOPY . /app\n"
                        + "RUN echo \"NODE_ENV=$NODE_ENV\" > /app/env\nCMD [\"sh\", \"/app/start.sh\"]\n",
                "start.sh",
                "#!/bin/sh\ncat /app/env\necho bundle=$(cat /app/name)\n",
                "name",
                name + "\n",
                "nonce",
                UUID.randomUUID() + "\n"));
    }
}
