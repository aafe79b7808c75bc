package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
        Path young = properties.buildDir().resolve("another-services-build");
        Files.createDirectories(young.resolve("context"));
        // older than any build may run: no service's build owns it any more
        Files.setLastModifiedTime(stray, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        BuildJanitor.Report report = janitor.cleanUp();

        assertThat(report.workDirs()).isGreaterThanOrEqualTo(1);
        assertThat(report.images()).isGreaterThanOrEqualTo(1);
        assertThat(stray).doesNotExist();
        assertThat(young)
                .as("a fresh folder may be another service's running build")
                .exists();
        assertThat(TestEngine.hasImage("daas-app:" + id)).isFalse();
        assertThat(api.get("/api/docker/build/" + id)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isEqualTo("success");
        assertThat(janitor.cleanUp().images()).isZero();
    }

    @Test
    void cleanUpRemovesTheUntaggedStepImageAFailedBuildLeftButNoOtherImage() throws Exception {
        String marker = UUID.randomUUID().toString();
        String id = api.startBuild(
                api.upload(Bundles.dockerfile(
                        "FROM " + TestEngine.BUSYBOX + "\nRUN echo " + marker + " > /a\nRUN exit 3\n")),
                null);
        var data = api.awaitEnd(id, Duration.ofSeconds(60));
        assertThat(data.path("status").asString()).isEqualTo("failed");
        String leftover =
                data.path("logs").toString().replaceAll("(?s).*echo " + marker + ".*?---> ([0-9a-f]{12}).*", "$1");
        assertThat(leftover).matches("[0-9a-f]{12}");
        assertThat(TestEngine.hasImage(leftover)).isTrue();

        janitor.cleanUp();

        assertThat(TestEngine.hasImage(leftover)).isFalse();
        TestEngine.assertImageExists(TestEngine.BUSYBOX);
    }
}
