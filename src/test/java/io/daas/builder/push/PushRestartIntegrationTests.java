package io.daas.builder.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceProcess;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secrets of queued builds live in memory only: after a restart the queued build runs, and what
 * needed a lost secret fails with a message saying what to do (docs/decisions.md).
 */
class PushRestartIntegrationTests {

    private static final String USER = "restart-pusher";
    private static final String PASSWORD = "Restart-pass-" + UUID.randomUUID();
    private static final String ARG_SECRET = "restart-token-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> ONE_AT_A_TIME = Map.of("MAX_CONCURRENT_BUILDS", "1");

    @Test
    void queuedBuildsLoseRequestCredentialsInARestartAndSayHowToGoOn() throws Exception {
        TestEngine.client();
        Path work = Files.createTempDirectory("daas-push-restart-");
        List<String> ids = new ArrayList<>();
        try (TestRegistry auth = TestRegistry.withBasicAuth(USER, PASSWORD)) {
            Map<String, Object> registry = Map.of("url", auth.address(), "username", USER, "password", PASSWORD);
            String withCredentials;
            try (ServiceProcess first = ServiceProcess.start(work, ONE_AT_A_TIME)) {
                Api api = first.api();
                String blocker = start(
                        api, "FROM " + TestEngine.BUSYBOX + "\nRUN sleep 120 # " + UUID.randomUUID() + "\n", Map.of());
                ids.add(blocker);
                api.awaitStep(blocker, "RUN sleep 120", Duration.ofSeconds(60));
                withCredentials =
                        start(api, "FROM " + TestEngine.BUSYBOX + "\nENV Q=1\n", Map.of("registry", registry));
                // Secret-looking build args are refused outright (they would reach the image): nothing to lose.
                Response secretArg = post(
                        api,
                        "FROM " + TestEngine.BUSYBOX + "\nARG API_TOKEN\nRUN echo $API_TOKEN\n",
                        Map.of("buildOptions", Map.of("buildArgs", Map.of("API_TOKEN", ARG_SECRET))));
                assertThat(secretArg.status()).as(secretArg.body()).isEqualTo(400);
                assertThat(secretArg.body()).contains("looks like a secret").doesNotContain(ARG_SECRET);
                ids.add(withCredentials);
                assertThat(api.get("/api/docker/build/" + withCredentials)
                                .json()
                                .path("data")
                                .path("status")
                                .asString())
                        .isEqualTo("pending");
                first.kill();
            }

            try (ServiceProcess second = ServiceProcess.start(work, ONE_AT_A_TIME)) {
                Api api = second.api();
                JsonNode pushLost = api.awaitEnd(withCredentials, Duration.ofSeconds(120));
                assertThat(pushLost.path("status").asString())
                        .as(pushLost.toString())
                        .isEqualTo("failed");
                assertThat(pushLost.path("error").asString())
                        .contains("not kept across the service restart", "POST /api/docker/push");
                assertThat(pushLost.path("push").path("status").asString()).isEqualTo("failed");

                Response pushed = api.postJson(
                        "/api/docker/push",
                        JSON.writeValueAsString(Map.of("buildId", withCredentials, "registry", registry)));
                assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
                assertThat(api.get("/api/docker/build/" + withCredentials)
                                .json()
                                .path("data")
                                .path("status")
                                .asString())
                        .isEqualTo("success");

                second.close();
                assertNoSecretIn(work);
            }
        } finally {
            ids.forEach(id -> TestEngine.removeImage("daas-app:" + id));
        }
    }

    private static String start(Api api, String dockerfile, Map<String, Object> extra) {
        Response r = post(api, dockerfile, extra);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("buildId");
    }

    private static Response post(Api api, String dockerfile, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(extra);
        body.put("bundleId", api.upload(Bundles.dockerfile(dockerfile)));
        return api.postJson("/api/docker/build", JSON.writeValueAsString(body));
    }

    private static void assertNoSecretIn(Path work) throws Exception {
        try (Stream<Path> files = Files.walk(work)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).anyMatch(f -> f.toString().endsWith(".mv.db"));
            assertThat(all).anyMatch(f -> f.getFileName().toString().startsWith("service-"));
            for (Path f : all) {
                String content = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(PASSWORD).doesNotContain(ARG_SECRET);
            }
        }
    }
}
