package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.Poll;
import io.daas.builder.support.Scrapes;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import io.daas.builder.webhook.WebhookSigner;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ObservabilityIntegrationTests extends ServiceIntegrationTest {

    private final List<String> images = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void cleanUp() {
        images.forEach(TestEngine::removeImage);
        if (server != null) {
            server.stop(0);
        }
    }

    private String build(String dockerfile, String callbackUrl) {
        String bundleId = api.upload(Bundles.dockerfile(dockerfile));
        String body = "{\"bundleId\":\"" + bundleId + "\",\"buildOptions\":{\"noCache\":true}"
                + (callbackUrl == null ? "" : ",\"callbackUrl\":\"" + callbackUrl + "\"") + "}";
        var r = api.postJson("/api/docker/build", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.text("buildId");
        images.add("daas-app:" + id);
        return id;
    }

    @Test
    void metricsMoveAsBuildsRun() {
        String before = Scrapes.withoutReplica(api.get("/actuator/prometheus").body());
        String ok = build("FROM " + TestEngine.BUSYBOX + "\nRUN echo fine\n", null);
        String bad = build("FROM " + TestEngine.BUSYBOX + "\nRUN exit 7\n", null);
        api.awaitEnd(ok, Duration.ofSeconds(60));
        api.awaitEnd(bad, Duration.ofSeconds(60));
        var scrape = api.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        String after = Scrapes.withoutReplica(scrape.body());

        assertThat(value(after, "daas_builds_started_total")).isEqualTo(value(before, "daas_builds_started_total") + 2);
        String success = "daas_builds_finished_total{status=\"success\"}";
        String failed = "daas_builds_finished_total{status=\"failed\"}";
        assertThat(value(after, success)).isEqualTo(value(before, success) + 1);
        assertThat(value(after, failed)).isEqualTo(value(before, failed) + 1);
        assertThat(value(after, "daas_build_duration_seconds_count{status=\"success\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after)
                .contains("daas_build_duration_seconds_bucket{")
                .contains("daas_build_phase_duration_seconds_count{phase=\"build\"}")
                .contains("daas_build_phase_duration_seconds_count{phase=\"fetch\"}")
                .contains("daas_builds_queued ")
                .contains("daas_builds_running ")
                .contains("daas_walrus_downloaded_bytes_total ")
                .contains("daas_push_duration_seconds_count ")
                .contains("jvm_memory_used_bytes{")
                .contains("http_server_requests_seconds_count{");
    }

    @Test
    void aCallbackUrlGetsTheFinalRecordSignedWithTheWebhookSecretAfterARetry() throws Exception {
        BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // the first call fails: the service must try again
            int status = calls.incrementAndGet() == 1 ? 500 : 204;
            if (status == 204) {
                received.add(Map.of(
                        "body",
                        body,
                        "signature",
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-Daas-Signature"))));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";

        String id = build("FROM " + TestEngine.BUSYBOX + "\nRUN echo hooked\n", url);

        Map<String, Object> hit = received.poll(60, TimeUnit.SECONDS);
        assertThat(hit).as("the callback arrives").isNotNull();
        byte[] body = (byte[]) hit.get("body");
        assertThat(hit.get("signature")).isEqualTo(WebhookSigner.sign(WEBHOOK_SECRET, body));
        JsonNode event = JsonMapper.builder().build().readTree(body);
        assertThat(event.path("event").asString()).isEqualTo("build.finished");
        assertThat(event.path("data").path("buildId").asString()).isEqualTo(id);
        assertThat(event.path("data").path("status").asString()).isEqualTo("success");
        assertThat(event.path("data").path("imageId").asString()).startsWith("sha256:");
        assertThat(event.path("data").path("phases").path("build").isNumber()).isTrue();
        assertThat(calls.get()).isEqualTo(2);
        Poll.every(Duration.ofMillis(100), Duration.ofSeconds(3))
                .during(Duration.ofMillis(1500))
                .untilAsserted(() -> assertThat(received)
                        .as("sent once it succeeded, not again")
                        .isEmpty());
    }

    @Test
    void aCallbackUrlThatIsNotHttpIsRefused() {
        String bundleId = api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n"));
        var r = api.postJson(
                "/api/docker/build", "{\"bundleId\":\"" + bundleId + "\",\"callbackUrl\":\"file:///etc/passwd\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("message")).contains("callbackUrl");
    }

    @Test
    void probesCheckEngineDatabaseAndDiskWhileTheOldHealthKeepsItsShape() {
        var readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.json().path("components").has("engine")).isTrue();
        assertThat(readiness.json().path("components").has("db")).isTrue();
        assertThat(readiness.json().path("components").has("buildDisk")).isTrue();
        var liveness = api.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        var health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("healthy");
        assertThat(health.json().path("success").asBoolean()).isTrue();
    }

    private static double value(String scrape, String series) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
