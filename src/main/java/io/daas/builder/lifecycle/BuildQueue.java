package io.daas.builder.lifecycle;

import io.daas.builder.config.DaemonThreads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /** Tenants with waiting builds, in turn order: the next slot goes to the first one under its cap. */
    private final LinkedHashMap<String, Deque<T>> waiting = new LinkedHashMap<>();

    private int waitingCount;
    /** Changed under this queue's lock, read without it: status polls never wait for the queue. */
    private final Map<String, T> running = new ConcurrentHashMap<>();

    private final Map<String, Integer> runningPerTenant = new HashMap<>();
    private final ExecutorService threads;
    private boolean closed;

    BuildQueue(QueueLimits limits, Function<T, String> idOf, Function<T, String> tenantOf, Consumer<T> runner) {
        this.limits = limits;
        this.idOf = idOf;
        this.tenantOf = tenantOf;
        this.runner = runner;
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("build"));
    }

    /** Throws {@link QueueFullException} when a new build of {@code tenant} could not wait for a slot. */
    synchronized void checkCapacity(String tenant) {
        boolean startsNow = running.size() < limits.maxRunning()
                && runningOf(tenant) < limits.tenantMaxRunning()
                && !waiting.containsKey(tenant);
        if (startsNow) {
            return;
        }
        if (waitingCount >= limits.maxWaiting()) {
            throw new QueueFullException(limits.maxWaiting());
        }
        int own = waitingOf(tenant);
        if (own >= limits.tenantMaxWaiting()) {
            throw new QueueFullException("Tenant " + tenant + " already has " + own + " builds waiting, the most one"
                    + " tenant may have (TENANT_MAX_QUEUED); wait for some to start, or cancel some, and try again in "
                    + QueueFullException.RETRY_AFTER_SECONDS + " s");
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
        List<Deque<T>> queues = new ArrayList<>(waiting.values());
        int place = 0;
        for (int round = 0; ; round++) {
            boolean any = false;
            for (Deque<T> q : queues) {
                if (round < q.size()) {
                    any = true;
                    place++;
                    if (idOf.apply(nth(q, round)).equals(buildId)) {
                        return place;
                    }
                }
            }
            if (!any) {
                return 0;
            }
        }
    }

    /** Takes a waiting build out of the queue; null when it was not waiting. */
    synchronized T removeWaiting(String buildId) {
        for (var entry : waiting.entrySet()) {
            for (T t : entry.getValue()) {
                if (idOf.apply(t).equals(buildId)) {
                    entry.getValue().remove(t);
                    waitingCount--;
                    if (entry.getValue().isEmpty()) {
                        waiting.remove(entry.getKey());
                    }
                    return t;
                }
            }
        }
        return null;
    }

    T running(String buildId) {
        return running.get(buildId);
    }

    synchronized int waitingCount() {
        return waitingCount;
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
        waitingCount = 0;
        threads.shutdownNow();
    }

    private void enqueue(T build) {
        waiting.computeIfAbsent(tenantOf.apply(build), t -> new ArrayDeque<>()).addLast(build);
        waitingCount++;
    }

    private void startNext() {
        while (!closed && running.size() < limits.maxRunning()) {
            T next = takeNext();
            if (next == null) {
                return;
            }
            String tenant = tenantOf.apply(next);
            running.put(idOf.apply(next), next);
            runningPerTenant.merge(tenant, 1, Integer::sum);
            threads.execute(() -> {
                try {
                    runner.accept(next);
                } finally {
                    finished(next, tenant);
                }
            });
        }
    }

    /** The first build of the first tenant in turn under its cap; that tenant goes to the back of the turn. */
    private T takeNext() {
        for (var entry : waiting.entrySet()) {
            String tenant = entry.getKey();
            if (runningOf(tenant) < limits.tenantMaxRunning()) {
                Deque<T> own = waiting.remove(tenant);
                T next = own.pollFirst();
                waitingCount--;
                if (!own.isEmpty()) {
                    waiting.put(tenant, own);
                }
                return next;
            }
        }
        return null;
    }

    private synchronized void finished(T build, String tenant) {
        running.remove(idOf.apply(build));
        runningPerTenant.computeIfPresent(tenant, (t, n) -> n > 1 ? n - 1 : null);
        startNext();
    }

    private int runningOf(String tenant) {
        return runningPerTenant.getOrDefault(tenant, 0);
    }

    private int waitingOf(String tenant) {
        Deque<T> own = waiting.get(tenant);
        return own == null ? 0 : own.size();
    }

    private static <T> T nth(Deque<T> q, int n) {
        int i = 0;
        for (T t : q) {
            if (i++ == n) {
                return t;
            }
        }
        throw new IndexOutOfBoundsException(n);
    }
}
