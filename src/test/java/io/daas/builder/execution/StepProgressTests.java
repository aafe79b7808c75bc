package io.daas.builder.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepProgressTests {

    @Test
    void progressRisesWithStepsAndStaysBelowOneHundred() {
        StepProgress progress =
                new StepProgress(0, "Queued").phase("Sending build context to the engine", StepProgress.CONTEXT_SENT);
        int before = progress.progress();

        StepProgress firstStep = progress.onLine("Step 1/4 : FROM busybox");
        assertThat(firstStep).isNotSameAs(progress);
        int first = firstStep.progress();
        StepProgress lastStep = firstStep.onLine("Step 4/4 : RUN make");
        int last = lastStep.progress();

        assertThat(first).isGreaterThanOrEqualTo(before);
        assertThat(last).isGreaterThan(first).isLessThan(100);
        assertThat(lastStep.currentStep()).isEqualTo("Step 4/4 : RUN make");
    }

    @Test
    void progressNeverGoesBack() {
        StepProgress progress = new StepProgress(0, null).onLine("Step 3/4 : RUN b");
        int high = progress.progress();
        progress = progress.onLine("Step 1/2 : FROM x");

        assertThat(progress.progress()).isEqualTo(high);
    }

    @Test
    void otherLinesChangeNothing() {
        StepProgress progress = new StepProgress(7, "Step 1/2 : FROM x");

        assertThat(progress.onLine(" ---> Using cache")).isSameAs(progress);
        assertThat(progress.progress()).isEqualTo(7);
    }
}
