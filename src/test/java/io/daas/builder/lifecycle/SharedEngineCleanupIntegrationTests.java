package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceProcess;
import io.daas.builder.support.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two services on one engine, as replicas run: one builds in a loop while the other cleans up every
 * second. Clean-up must never take an image from under a build it does not know about.
 */
class SharedEngineCleanupIntegrationTests {

    private static final Duration LOOP = Duration.ofSeconds(60);

    @Test
    void aServiceCleaningUpEverySecondNeverBreaksTheBuildsOfAnotherServiceOnTheSameEngine() throws Exception {
        TestEngine.client();
        Path work = Files.createTempDirectory("daas-shared-engine-");
        Map<String, String> cleaning = Map.of(
                "CLEANUP_INTERVAL", "1", "IMAGE_RETENTION_HOURS", "0", "MIN_FREE_DISK", "0", "BUILD_NETWORK", "none");
        Map<String, String> building =
                Map.of("CLEANUP_INTERVAL", "86400", "MIN_FREE_DISK", "0", "BUILD_NETWORK", "none");
        List<String> images = new ArrayList<>();
        try (ServiceProcess cleaner = ServiceProcess.start(Files.createDirectories(work.resolve("a")), cleaning);
                ServiceProcess builder = ServiceProcess.start(Files.createDirectories(work.resolve("b")), building)) {
            Api cleanerApi = cleaner.api();
            Api builderApi = builder.api();
            // the cleaner has its own things to clean: a failed build's step image and an old image
            String failed = cleanerApi.startBuild(
                    cleanerApi.upload(Bundles.dockerfile(
                            "FROM " + TestEngine.BUSYBOX + "\nRUN echo " + UUID.randomUUID() + " > /a\nRUN exit 3\n")),
                    null);
            images.add("daas-app:" + failed);
            assertThat(cleanerApi
                            .awaitEnd(failed, Duration.ofSeconds(60))
                            .path("status")
                            .asString())
                    .isEqualTo("failed");

            Instant end = Instant.now().plus(LOOP);
            int built = 0;
            List<String> failures = new ArrayList<>();
            while (Instant.now().isBefore(end)) {
                String id = builderApi.startBuild(builderApi.upload(Bundles.dockerfile(manySteps())), null);
                images.add("daas-app:" + id);
                JsonNode data = builderApi.awaitEnd(id, Duration.ofSeconds(60));
                if (!"success".equals(data.path("status").asString())) {
                    failures.add(id + ": " + data.path("error").asString());
                }
                built++;
                TestEngine.removeImage("daas-app:" + id);
            }

            assertThat(failures)
                    .as("builds broken by the other service's clean-up")
                    .isEmpty();
            assertThat(built).isGreaterThanOrEqualTo(5);
            assertThat(Files.readString(cleaner.log())).contains("clean-up removed");
        } finally {
            images.forEach(TestEngine::removeImage);
        }
    }

    /** A build that makes a new step image every few hundred milliseconds, none from the cache. */
    private static String manySteps() {
        StringBuilder dockerfile = new StringBuilder("FROM " + TestEngine.BUSYBOX + "\n");
        dockerfile.append("RUN echo ").append(UUID.randomUUID()).append(" > /id\n");
        for (int i = 0; i < 6; i++) {
            dockerfile.append("RUN sleep 0.3 && echo ").append(i).append(" >> /steps\n");
            dockerfile.append("ENV STEP").append(i).append('=').append(i).append('\n');
        }
        return dockerfile.append("CMD [\"cat\", \"/steps\"]\n").toString();
    }
}
