package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Bundles;
import io.daas.builder.support.Poll;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Stops the real engine mid-build with the project's own script, then starts it again. */
class EngineOutageIntegrationTests extends ServiceIntegrationTest {

    @Test
    void aBuildFailsNamingTheEngineHealthTurns503AndBuildsWorkAgainWhenTheEngineIsBack() throws Exception {
        String id = api.startBuild(
                api.upload(Bundles.dockerfile(
                        "FROM " + TestEngine.BUSYBOX + "\nRUN sleep 60 # " + UUID.randomUUID() + "\n")),
                null);
        api.awaitStatus(id, "building", Duration.ofSeconds(30));
        api.awaitStep(id, "RUN sleep 60", Duration.ofSeconds(30));
        try {
            engine("down");
            JsonNode failed = api.awaitEnd(id, Duration.ofSeconds(60));
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(failed.path("error").asString()).containsIgnoringCase("engine");

            assertThat(api.get("/health").status()).isEqualTo(503);
            assertThat(api.get("/api/docker/health").json().path("status").asString())
                    .isEqualTo("unhealthy");
        } finally {
            engine("up");
        }
        Poll.every(Duration.ofMillis(250), Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get("/health").status()).isEqualTo(200));

        String next =
                api.startBuild(api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nENV BACK=1\n")), null);
        assertThat(api.awaitEnd(next, Duration.ofSeconds(60)).path("status").asString())
                .isEqualTo("success");
        TestEngine.removeImage("daas-app:" + next);
    }

    private static void engine(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "scripts/engine.sh", command)
                .inheritIO()
                .start();
        assertThat(p.waitFor()).as("scripts/engine.sh " + command).isZero();
    }
}
