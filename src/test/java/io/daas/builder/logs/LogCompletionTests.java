package io.daas.builder.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.builds.BuildStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogCompletionTests {

    private static final Instant STARTED = Instant.parse("2026-11-30T01:00:00Z");
    private static final Instant ENDED = STARTED.plusSeconds(30);
    private static final String HERE = "replica-1";
    private static final String ELSEWHERE = "replica-2";

    private static Build running(String replica) {
        return Build.pending("b1", "bundle", BuildOptions.defaults(), null, null)
                .with(BuildStatus.BUILDING, 10, "Step 1/2", null, null, "daas-app:b1", null, STARTED, null)
                .ranBy(replica);
    }

    private static Build ended(String replica) {
        return running(replica).ended(BuildStatus.SUCCESS, null, ENDED);
    }

    private static LogCompletion of(Build build, Optional<LogEnd> end, Instant now) {
        return LogCompletion.of(build, end, HERE, now);
    }

    @Test
    void aRunningBuildIsNeverCompleteWhateverItsLogSays() {
        LogCompletion c = of(running(ELSEWHERE), Optional.of(new LogEnd(true, 5)), ENDED.plusSeconds(3600));
        assertThat(c.settled()).isFalse();
        assertThat(c.complete(5, 0, 100)).isFalse();
        assertThat(of(running(HERE), Optional.empty(), ENDED).complete(0, 0, 100))
                .isFalse();
    }

    @Test
    void aFinalBuildOfAnotherReplicaWhoseLogIsStillOpenWaitsForItsOwnerToCloseIt() {
        LogCompletion c = of(ended(ELSEWHERE), Optional.of(LogEnd.OPEN), ENDED.plusSeconds(1));
        assertThat(c.settled())
                .as("the owner stores the last lines after the final status")
                .isFalse();
        assertThat(c.complete(40, 0, 100)).isFalse();
    }

    @Test
    void aClosedLogIsCompleteOnlyOnceTheReaderReachedItsLastLine() {
        LogCompletion c = of(ended(ELSEWHERE), Optional.of(new LogEnd(true, 40)), ENDED.plusSeconds(1));
        assertThat(c.settled()).isTrue();
        assertThat(c.complete(39, 10, 100)).isFalse();
        assertThat(c.complete(40, 10, 100)).isTrue();
        assertThat(c.complete(40, 100, 100))
                .as("a full page that reaches the last line")
                .isTrue();
        assertThat(c.complete(55, 0, 100)).as("a reader that resumes past it").isTrue();
    }

    @Test
    void aClosedLogWithoutLinesIsCompleteAtOnce() {
        assertThat(of(ended(ELSEWHERE), Optional.of(new LogEnd(true, 0)), ENDED).complete(0, 0, 100))
                .isTrue();
    }

    @Test
    void aBuildThatNeverOpenedALogIsCompleteWithWhatIsStored() {
        Build cancelledWhileQueued = Build.pending("b2", "bundle", BuildOptions.defaults(), null, null)
                .ended(BuildStatus.CANCELLED, "Build cancelled", ENDED);
        LogCompletion c = of(cancelledWhileQueued, Optional.empty(), ENDED);
        assertThat(c.settled()).isTrue();
        assertThat(c.complete(0, 0, 100)).isTrue();
        assertThat(c.complete(100, 100, 100))
                .as("a full page may have more behind it")
                .isFalse();
        assertThat(of(ended(ELSEWHERE), Optional.empty(), ENDED).complete(3, 3, 100))
                .as("ended before V32, or its log removed by retention")
                .isTrue();
    }

    @Test
    void aBuildThisReplicaRanIsCompleteAsWithOneServiceOnceItsLogIsNotOpenHere() {
        // the local close notes the end before it drops the open log; a failed note or a restart leaves it open
        LogCompletion c = of(ended(HERE), Optional.of(LogEnd.OPEN), ENDED);
        assertThat(c.settled()).isTrue();
        assertThat(c.complete(7, 7, 100)).isTrue();
    }

    @Test
    void aLogItsOwnerNeverClosedEndsOnlyAfterTheGraceSinceTheBuildEnded() {
        Build lost = ended(ELSEWHERE);
        Instant justBefore = ENDED.plus(LogCompletion.OWNER_GRACE);
        assertThat(of(lost, Optional.of(LogEnd.OPEN), justBefore).settled()).isFalse();
        LogCompletion after = of(lost, Optional.of(LogEnd.OPEN), justBefore.plusMillis(1));
        assertThat(after.settled())
                .as("its replica was lost before it closed the log")
                .isTrue();
        assertThat(after.complete(12, 12, 100)).isTrue();
    }
}
