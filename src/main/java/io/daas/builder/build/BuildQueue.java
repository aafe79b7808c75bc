package io.daas.builder.build;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most {@code maxRunning} builds at once; the rest wait first in, first out. A freed slot
 * starts the next build at once.
 */
final class BuildQueue {

    private final int maxRunning;
    private final int maxWaiting;
    private final Deque<BuildExecution> waiting = new ArrayDeque<>();
    /** Changed under this queue's lock, read without it: status polls never wait for the queue. */
    private final Map<String, BuildExecution> running = new ConcurrentHashMap<>();

    private final ExecutorService threads;
    private boolean closed;

    BuildQueue(int maxRunning, int maxWaiting) {
        this.maxRunning = Math.max(1, maxRunning);
        this.maxWaiting = Math.max(0, maxWaiting);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "build-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Throws {@link QueueFullException} when a new build could not wait for a slot. */
    synchronized void checkCapacity() {
        if (running.size() >= maxRunning && waiting.size() >= maxWaiting) {
            throw new QueueFullException(maxWaiting);
        }
    }

    /** Queues a new build, within the bound. */
    synchronized void submit(BuildExecution execution) {
        checkCapacity();
        waiting.addLast(execution);
        startNext();
    }

    /** Queues a build again after a restart, past the bound if need be: it was accepted before. */
    synchronized void resubmit(BuildExecution execution) {
        waiting.addLast(execution);
        startNext();
    }

    /** 1-based place of a waiting build, or 0 when it is not waiting. */
    synchronized int position(String buildId) {
        int i = 1;
        for (BuildExecution e : waiting) {
            if (e.buildId().equals(buildId)) {
                return i;
            }
            i++;
        }
        return 0;
    }

    /** Takes a waiting build out of the queue; false when it was not waiting. */
    synchronized BuildExecution removeWaiting(String buildId) {
        for (BuildExecution e : waiting) {
            if (e.buildId().equals(buildId)) {
                waiting.remove(e);
                return e;
            }
        }
        return null;
    }

    BuildExecution running(String buildId) {
        return running.get(buildId);
    }

    synchronized int waitingCount() {
        return waiting.size();
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

    private void startNext() {
        while (!closed && running.size() < maxRunning && !waiting.isEmpty()) {
            BuildExecution next = waiting.pollFirst();
            running.put(next.buildId(), next);
            threads.execute(() -> {
                try {
                    next.run();
                } finally {
                    finished(next);
                }
            });
        }
    }

    private synchronized void finished(BuildExecution execution) {
        running.remove(execution.buildId());
        startNext();
    }
}
