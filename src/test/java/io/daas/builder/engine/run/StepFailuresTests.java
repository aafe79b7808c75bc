package io.daas.builder.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepFailuresTests {

    private static final String KILLED = "The command '/bin/sh -c make' returned a non-zero code: 137";

    @Test
    void aKilledStepUnderAMemoryLimitIsPutDownToMemory() {
        assertThat(StepFailures.explain(KILLED, 512L * 1024 * 1024, null, false))
                .isEqualTo(KILLED + " (the step was killed: it most likely ran out of memory; each step may use 512"
                        + " MiB, BUILD_MEMORY_LIMIT)");
    }

    @Test
    void aRefusedForkUnderAProcessLimitNamesTheLimitFirst() {
        assertThat(StepFailures.explain(KILLED, 512L * 1024 * 1024, 64, true))
                .startsWith(KILLED + " (a step could not start a process")
                .endsWith("at most 64 processes and threads at once, BUILD_PIDS_LIMIT)");
    }

    @Test
    void otherFailuresAndFailuresWithoutLimitsKeepTheEnginesMessage() {
        String failed = "The command '/bin/sh -c exit 3' returned a non-zero code: 3";
        assertThat(StepFailures.explain(failed, 512L * 1024 * 1024, 64, false)).isEqualTo(failed);
        assertThat(StepFailures.explain(KILLED, null, null, true)).isEqualTo(KILLED);
        assertThat(StepFailures.killed(KILLED)).isTrue();
        assertThat(StepFailures.killed(failed)).isFalse();
    }
}
