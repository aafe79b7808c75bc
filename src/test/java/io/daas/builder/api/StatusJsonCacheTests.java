package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildPush;
import io.daas.builder.builds.BuildStatus;
import io.daas.builder.builds.PushStatus;
import io.daas.builder.support.MovingClock;
import io.daas.builder.support.TestBuilds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StatusJsonCacheTests {

    private final MovingClock clock = new MovingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StatusJsonCache answers =
            new StatusJsonCache(JsonMapper.builder().build(), clock);
    private final AtomicInteger figuresAsked = new AtomicInteger();
    private final Supplier<BuildMeasurements> figures = () -> {
        figuresAsked.incrementAndGet();
        return new BuildMeasurements(Map.of("build", 1200L), null, null, null, 0, false);
    };

    private static Build build(BuildStatus status, int progress, String step) {
        return TestBuilds.of(status, progress, step);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void aRunningBuildsAnswerIsMadeOnceWhileNothingInItChanged() {
        Build running = build(BuildStatus.BUILDING, 40, "Step 2/5 : RUN make");
        List<String> tail = List.of("a", "b");

        byte[] first = answers.of(running, tail, null, figures);
        byte[] again = answers.of(running, tail, null, figures);

        assertThat(again).isSameAs(first);
        assertThat(figuresAsked).hasValue(1);
        assertThat(text(first))
                .startsWith("{\"success\":true,\"data\":{\"buildId\":\"b1\"")
                .contains("\"status\":\"building\"", "\"progress\":40", "\"logs\":[\"a\",\"b\"]", "\"build\":1200");
    }

    @Test
    void aNewRecordANewTailOrAPushChangeMakesANewAnswer() {
        Build running = build(BuildStatus.BUILDING, 40, "Step 2/5 : RUN make");
        List<String> tail = List.of("a");
        byte[] first = answers.of(running, tail, null, figures);

        Build further = build(BuildStatus.BUILDING, 60, "Step 3/5 : RUN test");
        assertThat(text(answers.of(further, tail, null, figures))).contains("\"progress\":60", "Step 3/5");

        List<String> longer = List.of("a", "b");
        assertThat(text(answers.of(further, longer, null, figures))).contains("\"logs\":[\"a\",\"b\"]");

        BuildPush push = new BuildPush(PushStatus.PENDING, "127.0.0.1:5000/x:1", null, null);
        assertThat(text(answers.of(further, longer, push, figures))).contains("\"push\":{\"status\":\"pending\"");
        assertThat(figuresAsked).hasValue(4);
        assertThat(first).isNotNull();
    }

    @Test
    void timingFieldsAreRefreshedAfterMaxAge() {
        Build running = build(BuildStatus.BUILDING, 40, "Step 2/5 : RUN make");
        List<String> tail = List.of("a");
        byte[] first = answers.of(running, tail, null, figures);

        clock.advance(Duration.ofMillis(StatusJsonCache.MAX_AGE.toMillis() + 20));

        assertThat(answers.of(running, tail, null, figures)).isNotSameAs(first);
        assertThat(figuresAsked).hasValue(2);
    }

    @Test
    void anEndedBuildIsAnsweredFreshEachTime() {
        Build done = build(BuildStatus.SUCCESS, 100, "Build completed");
        List<String> tail = List.of("a");

        byte[] first = answers.of(done, tail, null, figures);
        byte[] again = answers.of(done, tail, null, figures);

        assertThat(again).isNotSameAs(first).isEqualTo(first);
        assertThat(figuresAsked).hasValue(2);
    }

    @Test
    void aPendingBuildIsAnsweredFreshEachTimeForItsQueuePosition() {
        Build waiting = build(BuildStatus.PENDING, 0, "Queued (position 2)");

        byte[] first = answers.of(waiting, null, null, figures);
        byte[] again = answers.of(waiting, null, null, figures);

        assertThat(again).isNotSameAs(first);
        assertThat(text(first)).contains("Queued (position 2)").doesNotContain("\"logs\"");
    }
}
