package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.Sse;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BuildLogStreamIntegrationTests extends ServiceIntegrationTest {

    private final List<String> images = new ArrayList<>();

    @AfterEach
    void removeImages() {
        images.forEach(TestEngine::removeImage);
    }

    private String start(String dockerfile) {
        String id = api.startBuild(api.upload(Bundles.dockerfile(dockerfile)), "{\"noCache\":true}");
        images.add("daas-app:" + id);
        return id;
    }

    private String logsUrl(String id) {
        return "http://127.0.0.1:" + port + "/api/docker/build/" + id + "/logs";
    }

    @Test
    void liveStreamSendsTheFirstLineBeforeTheBuildEndsAndAReconnectGetsExactlyTheRest() {
        String id =
                start("FROM " + TestEngine.BUSYBOX + "\n" + "RUN for i in 1 2 3 4 5; do echo line-$i; sleep 1; done\n");
        List<Sse.Event> first = new ArrayList<>();
        try (Sse sse = Sse.open(logsUrl(id), null)) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.contentType()).startsWith("text/event-stream");
            Sse.Event e;
            while ((e = sse.next()) != null) {
                first.add(e);
                if (e.data().equals("line-1")) {
                    break;
                }
            }
            assertThat(e).as("line-1 arrives on the live stream").isNotNull();
            String status = api.get("/api/docker/build/" + id)
                    .json()
                    .path("data")
                    .path("status")
                    .asString();
            assertThat(status).as("the build still runs when line-1 arrives").isEqualTo("building");
            while ((e = sse.next()) != null) {
                first.add(e);
                if (e.data().equals("line-2")) {
                    break;
                }
            }
        }
        String lastId = first.get(first.size() - 1).id();

        List<Sse.Event> rest = new ArrayList<>();
        try (Sse sse = Sse.open(logsUrl(id), lastId)) {
            Sse.Event e;
            while ((e = sse.next()) != null) {
                rest.add(e);
            }
        }
        Sse.Event end = rest.remove(rest.size() - 1);
        assertThat(end.type()).isEqualTo("status");
        JsonNode status = JsonMapper.builder().build().readTree(end.data());
        assertThat(status.path("status").asString()).isEqualTo("success");
        assertThat(rest).extracting(Sse.Event::data).contains("line-3", "line-4", "line-5");
        assertThat(rest).extracting(Sse.Event::data).doesNotContain("line-1", "line-2");

        List<Long> ids = new ArrayList<>();
        first.forEach(e -> ids.add(Long.parseLong(e.id())));
        rest.forEach(e -> ids.add(Long.parseLong(e.id())));
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i))
                    .as("event ids run 1, 2, 3... without gaps or repeats")
                    .isEqualTo(i + 1L);
        }

        List<String> all = new ArrayList<>();
        first.forEach(e -> all.add(e.data()));
        rest.forEach(e -> all.add(e.data()));
        String text = api.get("/api/docker/build/" + id + "/logs?follow=false").body();
        assertThat(String.join("\n", all) + "\n").isEqualTo(text);

        List<Sse.Event> since = new ArrayList<>();
        try (Sse sse = Sse.open(logsUrl(id) + "?since=" + lastId, null)) {
            Sse.Event e;
            while ((e = sse.next()) != null) {
                since.add(e);
            }
        }
        assertThat(since).hasSize(rest.size() + 1);
        assertThat(since.get(0)).isEqualTo(rest.get(0));
    }

    @Test
    void aCarriageReturnInsideALineIsSentAsALineBreakOfTheSameEvent() {
        String id = start("FROM " + TestEngine.BUSYBOX + "\nRUN printf 'half\\rdone\\n'\n");
        assertThat(api.awaitEnd(id, Duration.ofSeconds(60)).path("status").asString())
                .isEqualTo("success");
        List<String> data = new ArrayList<>();
        try (Sse sse = Sse.open(logsUrl(id), null)) {
            Sse.Event e;
            while ((e = sse.next()) != null) {
                data.add(e.data());
            }
        }
        assertThat(data).contains("half\ndone");
    }

    @Test
    void logsOfAnUnknownBuildAreNotFound() {
        assertThat(api.get("/api/docker/build/nope/logs").status()).isEqualTo(404);
        assertThat(api.get("/api/docker/build/nope/logs?follow=false").status()).isEqualTo(404);
    }

    @Test
    void statusCarriesPhaseDurationsAndTheRepeatedBuildOfABundleOrPlanAnEta() {
        String dockerfile = "FROM " + TestEngine.BUSYBOX + "\n"
                + "RUN for i in 1 2 3; do echo tick-$i; dd if=/dev/zero of=/tmp/f bs=1M count=8 2>/dev/null; sleep 1;"
                + " done\n";
        byte[] bundle = Bundles.dockerfile(dockerfile);
        String bundleId = api.upload(bundle);
        String first = api.startBuild(bundleId, "{\"noCache\":true}");
        images.add("daas-app:" + first);
        JsonNode one = api.awaitEnd(first, Duration.ofSeconds(90));
        assertThat(one.path("status").asString()).isEqualTo("success");
        assertThat(one.path("phases").path("fetch").isNumber()).isTrue();
        assertThat(one.path("phases").path("unpack").isNumber()).isTrue();
        assertThat(one.path("phases").path("build").asLong()).isGreaterThanOrEqualTo(2000);
        assertThat(one.path("peakMemoryBytes").asLong()).as(one.toString()).isPositive();
        assertThat(one.path("peakCpuPercent").isNumber()).as(one.toString()).isTrue();
        assertThat(one.has("eta")).isFalse();

        String second = api.startBuild(bundleId, "{\"noCache\":true}");
        images.add("daas-app:" + second);
        JsonNode running = api.awaitStatus(second, "building", Duration.ofSeconds(30));
        assertThat(running.path("eta").isNumber()).as(running.toString()).isTrue();
        assertThat(running.path("eta").asLong()).isBetween(0L, 60L);
        assertThat(api.awaitEnd(second, Duration.ofSeconds(90)).path("progress").asInt())
                .isEqualTo(100);

        // another bundle (other sources) with the same Dockerfile: the same plan gives the eta
        String otherBundle = api.upload(Bundles.targz(Map.of("Dockerfile", dockerfile, "app.txt", "v2")));
        assertThat(otherBundle).isNotEqualTo(bundleId);
        String third = api.startBuild(otherBundle, "{\"noCache\":true}");
        images.add("daas-app:" + third);
        JsonNode planned = api.await(
                third,
                "had an eta",
                d -> d.has("eta") || d.path("status").asString().matches("success|failed|cancelled"),
                Duration.ofSeconds(30));
        assertThat(planned.path("status").asString()).as(planned.toString()).isEqualTo("building");
        assertThat(planned.path("eta").asLong()).isBetween(0L, 60L);
        assertThat(api.awaitEnd(third, Duration.ofSeconds(90)).path("status").asString())
                .isEqualTo("success");
    }
}
