package io.daas.builder.replicas;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildRepository;
import java.time.Duration;
import java.time.Instant;

/** How long a cancel waits for its build to end (5 s), here or on another replica. */
final class CancelWait {

    static final Duration LIMIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 100;

    private CancelWait() {}

    /** The build once its stored status is final, or as it is after {@link #LIMIT}. */
    static Build untilFinal(BuildRepository repository, String buildId) {
        Instant deadline = Instant.now().plus(LIMIT);
        while (true) {
            Build build = repository.find(buildId).orElseThrow(() -> new BuildNotFoundException(buildId));
            if (build.status().isFinal() || Instant.now().isAfter(deadline)) {
                return build;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return build;
            }
        }
    }
}
