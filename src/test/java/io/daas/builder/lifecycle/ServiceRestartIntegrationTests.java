package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceProcess;
import io.daas.builder.support.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ServiceRestartIntegrationTests {

    @Test
    void finishedBuildsSurviveARestartAKilledBuildEndsFailedAndAQueuedBuildRunsAfterIt() throws Exception {
        TestEngine.client();
        Path work = Files.createTempDirectory("daas-restart-");
        String finished;
        String killed;
        String queued;
        try (ServiceProcess first = ServiceProcess.start(work, Map.of("MAX_CONCURRENT_BUILDS", "1"))) {
            Api api = first.api();
            finished =
                    api.startBuild(api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nENV A=1\n")), null);
            assertThat(api.awaitEnd(finished, Duration.ofSeconds(60))
                            .path("status")
                            .asString())
                    .isEqualTo("success");

            killed = api.startBuild(
                    api.upload(Bundles.dockerfile(
                            "FROM " + TestEngine.BUSYBOX + "\nRUN sleep 120 # " + UUID.randomUUID() + "\n")),
                    null);
            queued = api.startBuild(
                    api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nENV QUEUED=1\n")), null);
            api.awaitStep(killed, "RUN sleep 120", Duration.ofSeconds(30));
            assertThat(api.get("/api/docker/build/" + queued)
                            .json()
                            .path("data")
                            .path("status")
                            .asString())
                    .isEqualTo("pending");
            first.kill();
        }

        try (ServiceProcess second = ServiceProcess.start(work, Map.of())) {
            Api api = second.api();
            JsonNode list = api.get("/api/docker/builds").json();
            assertThat(list.path("data").findValuesAsString("buildId")).contains(finished, killed);
            JsonNode done = api.get("/api/docker/build/" + finished).json().path("data");
            assertThat(done.path("status").asString()).isEqualTo("success");
            JsonNode interrupted = api.get("/api/docker/build/" + killed).json().path("data");
            assertThat(interrupted.path("status").asString()).isEqualTo("failed");
            assertThat(interrupted.path("error").asString()).isEqualTo("interrupted by service restart");
            assertThat(api.awaitEnd(queued, Duration.ofSeconds(60))
                            .path("status")
                            .asString())
                    .as("a build queued before the restart runs after it")
                    .isEqualTo("success");
        } finally {
            TestEngine.removeImage("daas-app:" + queued);
            TestEngine.removeImage("daas-app:" + finished);
            TestEngine.removeImage("daas-app:" + killed);
        }
    }
}
