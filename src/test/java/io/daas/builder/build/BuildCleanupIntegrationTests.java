package io.daas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"builder.image-retention-hours=0", "builder.reuse-identical-builds=false"})
class BuildCleanupIntegrationTests extends ServiceIntegrationTest {

    @Autowired
    BuildJanitor janitor;

    @Test
    void cleanUpRemovesIdleWorkDirsAndImagesOfOldBuildsButKeepsTheirRecords() throws Exception {
        String id = api.startBuild(
                api.upload(Bundles.dockerfile(
                        "FROM " + TestEngine.BUSYBOX + "\nRUN echo old-" + UUID.randomUUID() + "\n")),
                null);
        assertThat(api.awaitEnd(id, Duration.ofSeconds(60)).path("status").asString())
                .isEqualTo("success");
        TestEngine.assertImageExists("daas-app:" + id);
        Path stray = properties.buildDir().resolve("left-over-build");
        Files.createDirectories(stray.resolve("context"));
        Files.writeString(stray.resolve("context/file.txt"), "left behind by a crash");

        BuildJanitor.Report report = janitor.cleanUp();

        assertThat(report.workDirs()).isGreaterThanOrEqualTo(1);
        assertThat(report.images()).isGreaterThanOrEqualTo(1);
        assertThat(stray).doesNotExist();
        assertThat(TestEngine.hasImage("daas-app:" + id)).isFalse();
        assertThat(api.get("/api/docker/build/" + id)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isEqualTo("success");
        assertThat(janitor.cleanUp().images()).isZero();
    }
}
