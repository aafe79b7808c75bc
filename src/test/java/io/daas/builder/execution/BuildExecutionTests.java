package io.daas.builder.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.ImageLabels;
import io.daas.builder.engine.ImageBuildSpec;
import io.daas.builder.lifecycle.NewBuild;
import io.daas.builder.support.FakeBuild;
import io.daas.builder.support.FakeEngineTest;
import io.daas.builder.support.Poll;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One build from its bundle to the engine and back, on the fake engine: what the engine is asked
 * for, and what the build records for each way the engine answers (MAX_IMAGE_SIZE=10m here).
 */
class BuildExecutionTests extends FakeEngineTest {

    @Autowired
    private BuildTracker tracker;

    @Test
    void aBuildAsksTheEngineForItsTagLabelsAndLimitsAndKeepsTheImageAndOutput() {
        engine.nextBuilds(FakeBuild.Script.succeeds()
                .printing("Step 1/2 : FROM busybox", "Step 2/2 : RUN echo hello", "hello")
                .imageOf(2048));

        Build build = ended(submit(A).id());

        assertThat(build.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(build.size()).isEqualTo(2048);
        assertThat(build.progress()).isEqualTo(100);
        assertThat(engine.image(build.imageTag()))
                .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(build.imageId()));
        ImageBuildSpec spec = engine.builds().get(0).spec();
        assertThat(spec.tag()).isEqualTo("daas-app:" + build.id());
        assertThat(spec.dockerfile()).isEqualTo("Dockerfile");
        assertThat(spec.labels())
                .containsEntry(ImageLabels.BUILD_ID, build.id())
                .containsEntry(ImageLabels.WALLET, "tenant-a");
        assertThat(spec.networkMode()).isEqualTo("none");
        assertThat(spec.memoryBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(spec.cpus()).isEqualTo(1.0);
        assertThat(spec.pidsLimit()).isEqualTo(1024);
        assertThat(spec.noCache()).isFalse();
        assertThat(recentLogs(build.id()))
                .containsSubsequence("Step 1/2 : FROM busybox", "Step 2/2 : RUN echo hello", "hello");
    }

    @Test
    void aFailingStepFailsTheBuildWithTheEnginesMessage() {
        String message = "The command '/bin/sh -c exit 3' returned a non-zero code: 3";
        engine.nextBuilds(FakeBuild.Script.fails(message).printing("Step 1/1 : RUN exit 3"));

        Build build = ended(submit(A).id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).isEqualTo(message);
        assertThat(build.imageId()).isNull();
        assertThat(recentLogs(build.id())).contains("Step 1/1 : RUN exit 3");
    }

    @Test
    void anImageOverMaxImageSizeIsRemovedAndFailsTheBuild() {
        engine.nextBuilds(FakeBuild.Script.succeeds().imageOf(11L * 1024 * 1024));

        Build build = ended(submit(A).id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error())
                .startsWith("The image is 11534336 bytes, more than the limit of 10485760 bytes (MAX_IMAGE_SIZE)");
        assertThat(engine.hasImage(build.imageTag())).isFalse();
    }

    @Test
    void theEngineGoingAwayDuringABuildFailsItNamingTheEngine() {
        engine.nextBuilds(FakeBuild.Script.engineGone("EOF"));

        Build build = ended(submit(A).id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).startsWith("Docker engine at fake://engine is not reachable (EOF)");
    }

    @Test
    void aBuildStillRunningAtBuildTimeoutIsStoppedOnTheEngineAndFails() {
        engine.nextBuilds(FakeBuild.Script.outlastsTheWait().printing("Step 1/1 : RUN sleep 3600"));

        Build build = ended(submit(A).id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).isEqualTo("Build timed out after 600 s");
        FakeBuild onEngine = engine.builds().get(0);
        assertThat(onEngine.isStopped()).isTrue();
        assertThat(onEngine.awaitedFor())
                .as("the wait is what is left of BUILD_TIMEOUT")
                .isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
    }

    @Test
    void aBuildTheEngineRefusesToStartFailsWithItsReason() {
        engine.nextBuilds(FakeBuild.Script.refused("could not read the build context: Permission denied"));

        Build build = ended(submit(A).id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).isEqualTo("could not read the build context: Permission denied");
        assertThat(engine.builds()).isEmpty();
    }

    @Test
    void aDockerfileTheFetchPolicyRefusesNeverReachesTheEngine() {
        String bundle = bundle(A, "FROM registry.example.invalid/tools/base:1\nRUN true\n");

        Build build = ended(builds.submit(new NewBuild(bundle, BuildOptions.defaults(), null, A, null))
                .id());

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).contains("line 1").contains("registry.example.invalid");
        assertThat(engine.builds()).isEmpty();
    }

    @Test
    void secretBuildArgsAreMaskedInTheLogAndTheError() {
        String secret = "tok-5f3e9a7c1b";
        engine.nextBuilds(FakeBuild.Script.fails("step printed " + secret).printing("using " + secret));
        BuildOptions options = new BuildOptions(null, null, Map.of("API_TOKEN", secret), Map.of(), null, false);

        Build build = ended(submit(A, options, null).id());

        assertThat(engine.builds().get(0).spec().buildArgs()).containsEntry("API_TOKEN", secret);
        assertThat(recentLogs(build.id())).contains("using ***").noneMatch(l -> l.contains(secret));
        assertThat(build.error()).isEqualTo("step printed ***");
    }

    @Test
    void anIdenticalEarlierBuildIsReusedWithoutTheEngine() {
        String bundle = bundle(A, "FROM busybox\nRUN echo same\n");
        Build first = ended(builds.submit(new NewBuild(bundle, BuildOptions.defaults(), null, A, null))
                .id());

        Build second = ended(builds.submit(new NewBuild(bundle, BuildOptions.defaults(), null, A, null))
                .id());

        assertThat(second.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(second.imageId()).isEqualTo(first.imageId());
        assertThat(engine.builds()).hasSize(1);
        assertThat(engine.image(second.imageTag()))
                .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(first.imageId()));
        assertThat(recentLogs(second.id()))
                .anyMatch(l -> l.startsWith("Reusing the image of identical build " + first.id()));
    }

    @Test
    void everyOutputLineReachesTheResourceWatchAndItsPeaksTheFigures() {
        engine.stepsPeakAt(64L * 1024 * 1024, 87.5)
                .nextBuilds(
                        FakeBuild.Script.succeeds().printing("Step 1/1 : RUN make", " ---> Running in 0a5d1ae6f2ab"));

        Build build = ended(submit(A).id());

        // the watch is closed as the build's tracking ends, which may be just after its final status
        Poll.every(Duration.ofMillis(10), Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(engine.watches())
                        .singleElement()
                        .satisfies(w -> {
                            assertThat(w.lines()).contains("Step 1/1 : RUN make", " ---> Running in 0a5d1ae6f2ab");
                            assertThat(w.isClosed()).isTrue();
                        }));
        BuildMeasurements figures = tracker.figures(build.id());
        assertThat(figures.peakMemoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(figures.peakCpuPercent()).isEqualTo(87.5);
    }
}
