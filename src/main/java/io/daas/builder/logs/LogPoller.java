package io.daas.builder.logs;

import io.daas.builder.config.DaemonThreads;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals the followers of builds whose log is not open in this process (a build running on another
 * replica, or waiting) when the database shows it moved: new lines, the log closed, the build ended.
 * One thread asks every {@link #POLL_MILLIS} ms, one query for all such builds, and only while there
 * are any: a build whose last follower left is no longer asked about.
 */
final class LogPoller {

    static final long POLL_MILLIS = 200;
    private static final Logger log = LoggerFactory.getLogger(LogPoller.class);

    private final BuildLogRepository repository;
    private final Supplier<Set<String>> watched;
    private final Consumer<String> signal;
    private final Clock clock;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("build-log-poll"));
    private final AtomicBoolean polling = new AtomicBoolean();
    /** What the last poll saw of each watched build; only the poller thread uses it. */
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(StoredLogState state, boolean graceOver) {}

    /**
     * @param watched the builds to poll now (followed, not open here)
     * @param signal wakes the followers of one build
     */
    LogPoller(BuildLogRepository repository, Supplier<Set<String>> watched, Consumer<String> signal, Clock clock) {
        this.repository = repository;
        this.watched = watched;
        this.signal = signal;
        this.clock = clock;
    }

    /** Starts polling, unless it runs already: a follower of a build not open here came. */
    void wake() {
        if (polling.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            thread.schedule(this::poll, POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void poll() {
        Set<String> ids = watched.get();
        try {
            seen.keySet().retainAll(ids);
            if (!ids.isEmpty()) {
                Map<String, StoredLogState> now = repository.states(ids);
                for (String id : ids) {
                    StoredLogState state = now.get(id);
                    Seen current =
                            new Seen(state, state != null && LogCompletion.graceOver(state.endedAt(), clock.instant()));
                    // a build seen for the first time is signalled too: its follower may have read before
                    if (!Objects.equals(seen.put(id, current), current) || state == null) {
                        signal.accept(id);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not poll the stored logs of {} followed builds: {}", ids.size(), e.getMessage());
        } finally {
            if (!watched.get().isEmpty()) {
                schedule();
            } else {
                polling.set(false);
                // a follower that came after the check above finds polling off, or is seen here
                if (!watched.get().isEmpty()) {
                    wake();
                }
            }
        }
    }

    /** Whether it polls now (some follower of a build not open here is left). */
    boolean active() {
        return polling.get();
    }

    void stop() {
        thread.shutdownNow();
    }
}
