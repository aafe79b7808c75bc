package io.daas.builder.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.FakeWalrus;
import io.daas.builder.support.Scrapes;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The Walrus and push meters move when the work happens, by exactly what was done. */
class BuilderMetricsIntegrationTests extends ServiceIntegrationTest {

    private static final FakeWalrus WALRUS = FakeWalrus.start();

    @DynamicPropertySource
    static void walrus(DynamicPropertyRegistry registry) {
        registry.add("builder.walrus.aggregator", WALRUS::url);
        registry.add("builder.walrus.fetch-timeout", () -> "5");
    }

    @AfterAll
    static void stopWalrus() {
        WALRUS.close();
    }

    @Test
    void aWalrusDownloadCountsItsBytesAndAPushIsTimed() {
        byte[] bundle = Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN echo " + UUID.randomUUID() + "\n");
        String blobId = WALRUS.put(bundle);
        String before = scrape();

        String id = api.startBuild(blobId, null);
        try {
            JsonNode data = api.awaitEnd(id, Duration.ofSeconds(120));
            assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
            String afterBuild = scrape();
            assertThat(value(afterBuild, "daas_walrus_downloaded_bytes_total"))
                    .isEqualTo(value(before, "daas_walrus_downloaded_bytes_total") + bundle.length);
            assertThat(value(afterBuild, "daas_push_duration_seconds_count"))
                    .isEqualTo(value(before, "daas_push_duration_seconds_count"));

            try (TestRegistry registry = TestRegistry.open()) {
                Response pushed = api.postJson(
                        "/api/docker/push",
                        "{\"buildId\":\"" + id + "\",\"registry\":{\"url\":\"" + registry.address() + "\"}}");
                assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            }
            String afterPush = scrape();
            assertThat(value(afterPush, "daas_push_duration_seconds_count"))
                    .isEqualTo(value(before, "daas_push_duration_seconds_count") + 1);
            assertThat(value(afterPush, "daas_push_duration_seconds_sum"))
                    .isGreaterThan(value(before, "daas_push_duration_seconds_sum"));
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    private String scrape() {
        Response r = api.get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        return Scrapes.withoutReplica(r.body());
    }

    private static double value(String scrape, String series) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
