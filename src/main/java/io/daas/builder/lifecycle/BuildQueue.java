package io.daas.builder.lifecycle;

import io.daas.builder.config.DaemonThreads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs at most {@code maxRunning} builds at once, at most {@code tenantMaxRunning} of one tenant. Waiting
 * builds are served round-robin between tenants (each tenant's own in the order it sent them), so one
 * tenant's many builds never push another's to the back: a freed slot goes to the next tenant in turn
 * that is under its running cap. Each tenant may have at most {@code tenantMaxWaiting} builds waiting.
 *
 * @param <T> a queued build
 */
final class BuildQueue<T> {

    private final QueueLimits limits;
    private final Function<T, String> idOf;
    private final Function<T, String> tenantOf;
    private final Consumer<T> runner;
    private final Consumer<T> slotGiven;
    private final WaitingBuilds<T> waiting;
    /** Changed under this queue's lock, read without it: status polls never wait for the queue. */
    private final Map<String, T> running = new ConcurrentHashMap<>();

    private final Map<String, Integer> runningPerTenant = new HashMap<>();
    private final ExecutorService threads;
    private boolean closed;

    BuildQueue(QueueLimits limits, Function<T, String> idOf, Function<T, String> tenantOf, Consumer<T> runner) {
        this(limits, idOf, tenantOf, runner, build -> {});
    }

    /** {@code slotGiven} hears each build as it gets its slot, under the queue's lock: in the order of the slots. */
    BuildQueue(
            QueueLimits limits,
            Function<T, String> idOf,
            Function<T, String> tenantOf,
            Consumer<T> runner,
            Consumer<T> slotGiven) {
        this.limits = limits;
        this.idOf = idOf;
        this.tenantOf = tenantOf;
        this.runner = runner;
        this.slotGiven = slotGiven;
        this.waiting = new WaitingBuilds<>(idOf, tenantOf);
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("build"));
    }

    /** Throws {@link QueueFullException} when a new build of {@code tenant} could not wait for a slot. */
    synchronized void checkCapacity(String tenant) {
        boolean startsNow = running.size() < limits.maxRunning()
                && runningOf(tenant) < limits.tenantMaxRunning()
                && !waiting.hasAny(tenant);
        if (startsNow) {
            return;
        }
        if (waiting.count() >= limits.maxWaiting()) {
            throw new QueueFullException(limits.maxWaiting());
        }
        int own = waiting.countOf(tenant);
        if (own >= limits.tenantMaxWaiting()) {
            throw QueueFullException.forTenant(tenant, own);
        }
    }

    /** Queues a new build, within the bounds. */
    synchronized void submit(T build) {
        checkCapacity(tenantOf.apply(build));
        enqueue(build);
        startNext();
    }

    /** Queues a build again after a restart, past the bounds if need be: it was accepted before. */
    synchronized void resubmit(T build) {
        enqueue(build);
        startNext();
    }

    /**
     * 1-based place of a waiting build in the order builds would start if every running one ended
     * now (round-robin between tenants), or 0 when it is not waiting.
     */
    synchronized int position(String buildId) {
        return waiting.position(buildId);
    }

    /** Takes a waiting build out of the queue; null when it was not waiting. */
    synchronized T removeWaiting(String buildId) {
        return waiting.remove(buildId);
    }

    T running(String buildId) {
        return running.get(buildId);
    }

    synchronized int waitingCount() {
        return waiting.count();
    }

    synchronized int runningCount() {
        return running.size();
    }

    synchronized List<String> runningIds() {
        return new ArrayList<>(running.keySet());
    }

    /** Stops starting builds and interrupts the running ones; waiting ones stay pending in the database. */
    synchronized void close() {
        closed = true;
        waiting.clear();
        threads.shutdownNow();
    }

    private void enqueue(T build) {
        waiting.add(build);
    }

    private void startNext() {
        while (!closed && running.size() < limits.maxRunning()) {
            T next = waiting.takeNext(tenant -> runningOf(tenant) < limits.tenantMaxRunning());
            if (next == null) {
                return;
            }
            String tenant = tenantOf.apply(next);
            running.put(idOf.apply(next), next);
            runningPerTenant.merge(tenant, 1, Integer::sum);
            slotGiven.accept(next);
            threads.execute(() -> {
                try {
                    runner.accept(next);
                } finally {
                    finished(next, tenant);
                }
            });
        }
    }

    private synchronized void finished(T build, String tenant) {
        running.remove(idOf.apply(build));
        runningPerTenant.computeIfPresent(tenant, (t, n) -> n > 1 ? n - 1 : null);
        startNext();
    }

    private int runningOf(String tenant) {
        return runningPerTenant.getOrDefault(tenant, 0);
    }
}
