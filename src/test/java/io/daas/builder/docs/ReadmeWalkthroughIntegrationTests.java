package io.daas.builder.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.TestEngine;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through and push blocks, run as written by scripts/readme-check.sh against
 * scripts/run.sh (its default registry included), so the README cannot drift from the service.
 */
class ReadmeWalkthroughIntegrationTests {

    @Test
    void everyCommandOfTheReadmeWalkThroughRunsAsWritten() throws Exception {
        TestEngine.client();
        Process check = new ProcessBuilder("bash", "scripts/readme-check.sh")
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("every README command ran as written");
    }
}
