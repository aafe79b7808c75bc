package io.daas.builder.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting in tests, through Awaitility: asks at once and then every interval, in the test's own
 * thread, and leaves uncaught exceptions of other threads to their owners.
 */
public final class Poll {

    private Poll() {}

    /** Asks every {@code interval} for at most {@code timeout}; a timeout throws ConditionTimeoutException. */
    public static ConditionFactory every(Duration interval, Duration timeout) {
        return Awaitility.await()
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(interval)
                .atMost(timeout)
                .dontCatchUncaughtExceptions();
    }
}
