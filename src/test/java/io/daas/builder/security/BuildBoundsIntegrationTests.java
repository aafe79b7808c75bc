package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.HugeArchives;
import io.daas.builder.support.Poll;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12's exhaustion attacks against the running service and the real engine: a fork flood, a
 * step filling the disk, a 100 MB log line and a PAX-header bomb are each refused or contained,
 * the service stays healthy, and a normal build still succeeds.
 */
@TestPropertySource(
        properties = {
            "builder.steps.pids-limit=1024",
            "builder.steps.disk-limit=50m",
            "builder.steps.cgroup-parent=" + BuildBoundsIntegrationTests.CGROUP_PARENT,
            "builder.build-timeout=120"
        })
class BuildBoundsIntegrationTests extends ServiceIntegrationTest {

    static final String CGROUP_PARENT = "daas-bounds-test";
    private static final Duration END = Duration.ofSeconds(100);
    private final List<String> builds = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        builds.forEach(id -> TestEngine.removeImage("daas-app:" + id));
    }

    private String start(String dockerfileBody) {
        String id = api.startBuild(
                api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n" + dockerfileBody)),
                "{\"noCache\":true}");
        builds.add(id);
        return id;
    }

    @Test
    void threeThousandProcessesAgainstAPidsLimitOf1024FailTheStepAndTheServiceStaysHealthy() throws Exception {
        String id = start("RUN for i in $(seq 3000); do sleep 30 & done; wait\n");
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString())
                .contains("returned a non-zero code")
                .contains("at most 1024 processes")
                .contains("BUILD_PIDS_LIMIT");
        assertThat(log(id)).contains("can't fork");
        // well before the sleeps would have ended: the fork was refused, the step did not wait 30 s
        assertThat(Duration.between(
                        Instant.parse(data.path("startTime").asString()),
                        Instant.parse(data.path("endTime").asString())))
                .isLessThan(Duration.ofSeconds(25));
        assertThat(api.get("/health").status()).isEqualTo(200);
        awaitNoBuildCgroupsLeft();

        String normal = start("RUN echo fine > /fine\n");
        assertThat(api.awaitEnd(normal, END).path("status").asString()).isEqualTo("success");
    }

    @Test
    void aStepThatWrites200MbPastADiskLimitOf50MbFailsNamingTheStepAndTheLimit() {
        String id = start("RUN echo small > /small\nRUN dd if=/dev/zero of=/big bs=1M count=200\nRUN sleep 3\n");
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString())
                .containsPattern(
                        "^Step 3/\\d \\(RUN dd if=/dev/zero of=/big bs=1M count=200\\) (had written|wrote a layer of) \\d+ bytes")
                .contains("BUILD_DISK_LIMIT=50m")
                .contains(String.valueOf(50L << 20));
        assertThat(TestEngine.hasImage("daas-app:" + id)).isFalse();
    }

    @Test
    void aCopyStepPastTheDiskLimitIsCaughtByTheLayerItCommits() {
        // COPY runs no container to watch: only its committed layer tells what it wrote
        StringBuilder big = new StringBuilder(64 << 20);
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 64 << 20; i++) {
            big.append((char) ('a' + random.nextInt(26)));
        }
        byte[] bundle = Bundles.targz(java.util.Map.of(
                "Dockerfile",
                "FROM " + TestEngine.BUSYBOX + "\nCOPY big.txt /big.txt\nRUN sleep 3\n",
                "big.txt",
                big.toString()));
        String id = api.startBuild(api.upload(bundle), "{\"noCache\":true}");
        builds.add(id);
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString())
                .containsPattern("^Step 2/\\d \\(COPY big.txt /big.txt\\) wrote a layer of \\d+ bytes")
                .contains("BUILD_DISK_LIMIT=50m");
    }

    @Test
    void aStepThatKeepsWritingIsStoppedWhileItRuns() {
        // 400 MB, 1 MB every 50 ms or so: at least 20 s unless the watch stops it near 50 MB
        String id = start("RUN for i in $(seq 400); do dd if=/dev/zero of=/f$i bs=1M count=1 2>/dev/null;"
                + " sleep 0.05; done\n");
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString())
                .containsPattern("^Step 2/\\d \\(RUN for i in \\$\\(seq 400\\)")
                .contains("when it was stopped")
                .contains("BUILD_DISK_LIMIT=50m");
        assertThat(Duration.between(
                        Instant.parse(data.path("startTime").asString()),
                        Instant.parse(data.path("endTime").asString())))
                .isLessThan(Duration.ofSeconds(18));
    }

    @Test
    void aHundredMegabyteLogLineIsCutAndTheBuildSucceeds() {
        String id = start("RUN head -c 100000000 /dev/zero | tr '\\0' a\nRUN echo after the long line\n");
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("success");
        String log = log(id);
        // the engine's reader keeps 64 KiB of a line, the log store 16 KiB of those
        assertThat(log).contains("a".repeat(16384) + " [line cut]").doesNotContain("a".repeat(16385));
        // tr prints no newline: the builder's next line joins the 100 MB line and is cut with it
        assertThat(log).containsPattern("\\[daas\\] line truncated: 999\\d{5} bytes dropped");
        assertThat(log).contains("after the long line");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aSmallTarGzWithA700MibPaxPathIsRefusedWith400NamingTheHeader() throws IOException {
        long value = 700L << 20;
        long record = 734003216L; // "734003216 path=<700 MiB>\n" counts its own 9 digits
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        HugeArchives.member(bomb, HugeArchives.header("PaxHeaders.0/app", 'x', record, null));
        HugeArchives.member(bomb, (record + " path=").getBytes(StandardCharsets.US_ASCII));
        HugeArchives.letters(bomb, value);
        HugeArchives.member(bomb, HugeArchives.end());
        assertThat(bomb.size()).isLessThan(1 << 20);

        Response r = api.postBytes("/api/docker/bundles", "application/gzip", bomb.toByteArray());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("message")).contains("PAX extended header of " + record + " bytes");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    private String log(String id) {
        return api.get("/api/docker/build/" + id + "/logs?follow=false").body();
    }

    /** The builds' cgroups go once the engine has removed their containers. */
    private static void awaitNoBuildCgroupsLeft() {
        Path parent = Path.of("/sys/fs/cgroup/pids", CGROUP_PARENT);
        try {
            Poll.every(Duration.ofMillis(500), Duration.ofSeconds(60)).until(() -> {
                try (Stream<Path> children = Files.list(parent)) {
                    return children.noneMatch(Files::isDirectory);
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("build cgroups left under " + parent);
        }
    }
}
