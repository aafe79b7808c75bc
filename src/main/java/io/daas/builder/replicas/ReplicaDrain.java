package io.daas.builder.replicas;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.daas.builder.config.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's life on the shared queue after its start: it sweeps for lost replicas while it runs; on
 * SIGTERM it stops claiming at once, lets its running builds finish for up to {@code DRAIN_TIMEOUT},
 * hands back to the queue what still runs then, fails the queued builds only it could run, and leaves.
 */
final class ReplicaDrain {

    static final long SWEEP_SECONDS = 3;
    private static final Logger log = LoggerFactory.getLogger(ReplicaDrain.class);

    private final Scheduler scheduler;
    private final ClaimedBuilds claimed;
    private final LostReplicas lost;
    private final ReplicaDirectory directory;
    private final Duration drainFor;
    private final String self;
    private boolean begun;
    private final ScheduledExecutorService timers =
            Executors.newScheduledThreadPool(1, DaemonThreads.named("replica-sweep"));

    ReplicaDrain(
            Scheduler scheduler,
            ClaimedBuilds claimed,
            LostReplicas lost,
            ReplicaDirectory directory,
            Duration drainFor,
            String self) {
        this.scheduler = scheduler;
        this.claimed = claimed;
        this.lost = lost;
        this.directory = directory;
        this.drainFor = drainFor;
        this.self = self;
    }

    private void handBackWhatRuns() {
        if (!claimed.runningIds().isEmpty()) {
            log.warn(
                    "replica {}: DRAIN_TIMEOUT ({} s) is over; handing back builds {}",
                    self,
                    drainFor.toSeconds(),
                    claimed.runningIds());
            claimed.handBackAll();
        }
    }

    void startSweeping() {
        timers.scheduleWithFixedDelay(lost::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The drain starts (on SIGTERM, before the web server's own graceful stop): no more claims from now
     * on, and what still runs here in {@code DRAIN_TIMEOUT} is handed back then. Once only.
     */
    synchronized void begin() {
        if (begun) {
            return;
        }
        begun = true;
        scheduler.pause();
        log.info(
                "replica {} is stopping: it claims no more builds; {} running build(s) get {} s to finish",
                self,
                claimed.runningIds().size(),
                drainFor.toSeconds());
        timers.schedule(this::handBackWhatRuns, drainFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drains this replica (begun already, or now); returns once nothing of the queue runs here. */
    void run() {
        begin();
        scheduler.stop();
        timers.shutdownNow();
        claimed.close();
        lost.failPinned(
                self,
                "replica " + self + " stopped before the build started, and only it could run the build (it held"
                        + " the build's secrets, which are never stored, or the image a reproduction compares with):"
                        + " submit the build again");
        directory.leave();
        log.info("replica {} drained", self);
    }
}
