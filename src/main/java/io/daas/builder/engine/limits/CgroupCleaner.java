package io.daas.builder.engine.limits;

import io.daas.builder.config.DaemonThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the cgroups of ended builds once the engine has removed their containers, trying again
 * for a minute, on its own thread; and those older than any build (left when a service stopped
 * mid-build). What is still in use at shutdown is tried once more for a few seconds.
 */
final class CgroupCleaner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CgroupCleaner.class);
    private static final int REMOVE_TRIES = 30;

    /** Cgroups of ended builds still in use (their containers not yet removed); tried once more at shutdown. */
    private final Set<BuildCgroup> pending = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService cleaner =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("step-cgroups"));

    /** Removes, in the background, the build cgroups under {@code parent} older than {@code age}. */
    void removeOlderThan(Path root, String parent, Duration age) {
        cleaner.execute(() -> BuildCgroup.olderThan(root, parent, age).forEach(BuildCgroup::remove));
    }

    /**
     * Removes the cgroup once the engine has removed the build's containers; tries again for a
     * minute. A stopped build's engine may still be making its current step's container (and with
     * it the cgroup, again, without the limit): its cgroup is removed after a pause and looked at
     * once more later.
     */
    void release(BuildCgroup cgroup, boolean stopped) {
        if (stopped) {
            pending.add(cgroup);
            schedule(() -> release(cgroup, 1, true), 5);
        } else {
            release(cgroup, 1, false);
        }
    }

    private void release(BuildCgroup cgroup, int attempt, boolean lookAgain) {
        if (cgroup.remove()) {
            if (lookAgain) {
                schedule(() -> release(cgroup, attempt + 1, false), 10);
            } else {
                pending.remove(cgroup);
            }
            return;
        }
        log.debug("cgroup {} still in use (try {})", cgroup.path(), attempt);
        if (attempt >= REMOVE_TRIES) {
            pending.remove(cgroup);
            log.warn("cgroup {} still in use after {} tries; left in place", cgroup.path(), attempt);
            return;
        }
        pending.add(cgroup);
        schedule(() -> release(cgroup, attempt + 1, lookAgain), 2);
    }

    private void schedule(Runnable task, long seconds) {
        try {
            cleaner.schedule(task, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: close() tries once more
        }
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
        // builds stopped by the shutdown: the engine removes their containers within a few seconds
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(BuildCgroup::remove);
            if (!pending.isEmpty()) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
