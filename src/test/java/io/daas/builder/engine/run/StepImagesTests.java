package io.daas.builder.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepImagesTests {

    private final StepImages images = new StepImages();

    @Test
    void theLastStepImageOfAFailedBuildIsKeptUntilAskedFor() {
        images.see("daas-app:1", "Step 1/3 : FROM busybox");
        images.see("daas-app:1", " ---> 68c7c7bc59e5");
        images.see("daas-app:1", " ---> Running in 0123456789ab");
        images.see("daas-app:1", " ---> 3b808c795f6d");
        images.see("daas-app:1", "Step 3/3 : RUN exit 3");

        assertThat(images.forget("daas-app:1")).isEqualTo("3b808c795f6d");
        assertThat(images.forget("daas-app:1")).isNull();
    }

    @Test
    void aBuildThatTaggedItsImageLeavesNothingAndBuildsAreKeptApart() {
        images.see("daas-app:1", " ---> 68c7c7bc59e5");
        images.see("daas-app:2", " ---> 3b808c795f6d");
        images.see("daas-app:1", "Successfully tagged daas-app:1");

        assertThat(images.forget("daas-app:1")).isNull();
        assertThat(images.forget("daas-app:2")).isEqualTo("3b808c795f6d");
    }
}
