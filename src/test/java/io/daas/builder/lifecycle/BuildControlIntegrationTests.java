package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.Poll;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(
        properties = {
            "builder.max-concurrent-builds=2",
            "builder.max-queued-builds=3",
            "builder.build-timeout=8",
            "builder.build-memory-limit=64m",
            "builder.reuse-identical-builds=true",
            "builder.max-context-size=1m",
            "builder.max-image-size=20m"
        })
class BuildControlIntegrationTests extends ServiceIntegrationTest {

    private static final Duration END = Duration.ofSeconds(90);
    private final List<String> builds = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        builds.forEach(id -> {
            api.delete("/api/docker/build/" + id);
            TestEngine.removeImage("daas-app:" + id);
        });
    }

    private String start(String dockerfileBody) {
        String id = api.startBuild(
                api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n" + dockerfileBody)), null);
        builds.add(id);
        return id;
    }

    private static List<Container> runningWith(String marker) {
        return TestEngine.client().listContainersCmd().exec().stream()
                .filter(c -> c.getCommand() != null && c.getCommand().contains(marker))
                .toList();
    }

    private static List<Container> anyWith(String marker) {
        return TestEngine.client().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> c.getCommand() != null && c.getCommand().contains(marker))
                .toList();
    }

    @Test
    void atMostTwoRunAtOnceTheRestWaitInOrderAndAllFinish() throws Exception {
        String marker = "q-" + UUID.randomUUID();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                maxSeen.accumulateAndGet(runningWith(marker).size(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(start("RUN echo " + marker + "-" + i + " && sleep 2\n"));
        }
        JsonNode third = api.get("/api/docker/build/" + ids.get(3)).json().path("data");
        assertThat(third.path("status").asString()).isEqualTo("pending");
        assertThat(third.path("currentStep").asString()).matches("Queued \\(position [12]\\)");

        Response overflow = api.postJson(
                "/api/docker/build",
                "{\"bundleId\":\"" + api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nENV N=6\n"))
                        + "\"}");
        assertThat(overflow.status()).isEqualTo(429);
        assertThat(overflow.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(overflow.text("message")).contains("MAX_QUEUED_BUILDS");

        List<JsonNode> ended = new ArrayList<>();
        for (String id : ids) {
            ended.add(api.awaitEnd(id, END));
        }
        watching.set(false);
        watcher.join();

        assertThat(ended)
                .allSatisfy(b -> assertThat(b.path("status").asString()).isEqualTo("success"));
        assertThat(maxSeen.get()).isBetween(1, 2);
        List<String> byStart = ended.stream()
                .sorted(Comparator.comparing(
                        b -> Instant.parse(b.path("buildStartTime").asString())))
                .map(b -> b.path("buildId").asString())
                .toList();
        assertThat(byStart).containsExactlyElementsOf(ids);
    }

    @Test
    void aBuildPastTheTimeoutFailsWithTheTimeoutMessageAndLeavesNoContainer() throws Exception {
        String marker = "t-" + UUID.randomUUID();
        String id = start("RUN echo " + marker + " && sleep 60\n");
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).isEqualTo("Build timed out after 8 s");
        awaitNoContainer(marker);
    }

    @Test
    void cancellingARunningBuildStopsItWithinFiveSecondsAndLeavesNoContainer() throws Exception {
        String marker = "c-" + UUID.randomUUID();
        String id = start("RUN echo " + marker + " && sleep 60\n");
        awaitContainer(marker);

        Instant before = Instant.now();
        Response cancel = api.delete("/api/docker/build/" + id);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body()).contains("\"success\":true").contains("Build cancelled successfully");
        JsonNode data = api.awaitEnd(id, Duration.ofSeconds(5));
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(data.path("status").asString()).isEqualTo("cancelled");
        awaitNoContainer(marker);
    }

    @Test
    void cancellingAQueuedBuildTakesItOutOfTheQueue() {
        String marker = "w-" + UUID.randomUUID();
        String first = start("RUN echo " + marker + "-1 && sleep 30\n");
        String second = start("RUN echo " + marker + "-2 && sleep 30\n");
        String queued = start("RUN echo " + marker + "-3\n");
        assertThat(api.get("/api/docker/build/" + queued)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isEqualTo("pending");

        assertThat(api.delete("/api/docker/build/" + queued).status()).isEqualTo(200);
        JsonNode data = api.get("/api/docker/build/" + queued).json().path("data");
        assertThat(data.path("status").asString()).isEqualTo("cancelled");
        api.delete("/api/docker/build/" + first);
        api.delete("/api/docker/build/" + second);
        assertThat(api.get("/api/docker/build/" + queued)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isEqualTo("cancelled");
    }

    @Test
    void cancellingAFinishedBuildChangesNothingAndSaysSo() {
        String id = start("ENV DONE=1\n");
        api.awaitEnd(id, END);

        Response cancel = api.delete("/api/docker/build/" + id);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.text("message")).contains("already success");
        assertThat(api.get("/api/docker/build/" + id)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isEqualTo("success");
        assertThat(api.delete("/api/docker/build/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void anIdenticalBuildReusesTheEarlierImageUnlessNoCacheIsSet() {
        byte[] bundle =
                Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN echo reuse-" + UUID.randomUUID() + "\n");
        String bundleId = api.upload(bundle);
        String first = api.startBuild(bundleId, null);
        builds.add(first);
        JsonNode one = api.awaitEnd(first, END);
        String second = api.startBuild(bundleId, null);
        builds.add(second);
        JsonNode two = api.awaitEnd(second, END);
        String third = api.startBuild(bundleId, "{\"noCache\":true}");
        builds.add(third);
        JsonNode three = api.awaitEnd(third, END);

        assertThat(two.path("status").asString()).isEqualTo("success");
        assertThat(two.path("imageId").asString()).isEqualTo(one.path("imageId").asString());
        assertThat(two.path("logs").toString()).contains("Reusing the image of identical build " + first);
        TestEngine.assertImageExists("daas-app:" + second);
        assertThat(three.path("status").asString()).isEqualTo("success");
        assertThat(three.path("logs").toString()).doesNotContain("Reusing");
    }

    @Test
    void aContextPastItsCapFailsNamingTheLimit() {
        byte[] bundle = Bundles.targz(java.util.Map.of(
                "Dockerfile",
                "FROM " + TestEngine.BUSYBOX + "\nCOPY big.txt /big.txt\n",
                "big.txt",
                "x".repeat(2_000_000)));
        String id = api.startBuild(api.upload(bundle), null);
        builds.add(id);
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("MAX_CONTEXT_SIZE");
    }

    @Test
    void anImagePastItsCapFailsNamingTheLimitAndIsRemoved() {
        String id = start("RUN head -c 30000000 /dev/zero > /big\n");
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("MAX_IMAGE_SIZE");
        assertThat(TestEngine.hasImage("daas-app:" + id)).isFalse();
    }

    private static void awaitContainer(String marker) {
        Poll.every(Duration.ofMillis(50), Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(runningWith(marker))
                        .as("build container running")
                        .isNotEmpty());
    }

    private static void awaitNoContainer(String marker) {
        Poll.every(Duration.ofMillis(50), Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(anyWith(marker))
                        .as("containers left on the engine")
                        .isEmpty());
    }
}
