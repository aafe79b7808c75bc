package io.daas.builder.builds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildProgressTests {

    @Test
    void progressRisesWithStepsAndStaysBelowOneHundred() {
        BuildProgress progress = new BuildProgress(0, "Queued");
        progress.phase("Sending build context to the engine", BuildProgress.CONTEXT_SENT);
        int before = progress.progress();

        assertThat(progress.onLine("Step 1/4 : FROM busybox")).isTrue();
        int first = progress.progress();
        progress.onLine("Step 4/4 : RUN make");
        int last = progress.progress();

        assertThat(first).isGreaterThanOrEqualTo(before);
        assertThat(last).isGreaterThan(first).isLessThan(100);
        assertThat(progress.currentStep()).isEqualTo("Step 4/4 : RUN make");
    }

    @Test
    void progressNeverGoesBack() {
        BuildProgress progress = new BuildProgress(0, null);
        progress.onLine("Step 3/4 : RUN b");
        int high = progress.progress();
        progress.onLine("Step 1/2 : FROM x");

        assertThat(progress.progress()).isEqualTo(high);
    }

    @Test
    void otherLinesChangeNothing() {
        BuildProgress progress = new BuildProgress(7, "Step 1/2 : FROM x");

        assertThat(progress.onLine(" ---> Using cache")).isFalse();
        assertThat(progress.progress()).isEqualTo(7);
    }
}
