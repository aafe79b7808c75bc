package io.daas.builder.engine.limits;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds each build step to {@code BUILD_DISK_LIMIT}, following the classic builder's output: a
 * running step's container ({@code ---> Running in <id>}) has its writable layer measured every
 * second or so (the engine's {@code inspect --size}; the pause grows with how long a measure
 * takes), and the layer each step commits ({@code ---> <id>}) is measured too, which catches
 * steps quicker than a poll and ADD/COPY steps. The first step past the limit is reported once.
 */
final class StepDiskWatch implements AutoCloseable {

    private static final Pattern STEP = Pattern.compile("^Step (\\d+/\\d+) : (.*)$");
    private static final Pattern RUNNING_IN = Pattern.compile("^\\s*---> Running in ([0-9a-f]{12,64})\\s*$");
    private static final Pattern COMMITTED = Pattern.compile("^\\s*---> ([0-9a-f]{12,64})\\s*$");
    private static final long MIN_PAUSE_MS = 1000;

    private final DockerClient docker;
    private final long limit;
    private final String setting;
    private final Consumer<String> onExceeded;
    private final ScheduledExecutorService poller;
    private final AtomicBoolean exceeded = new AtomicBoolean();
    private final Map<String, String> watched = new ConcurrentHashMap<>();
    /** Layer measures scheduled and not yet done: the build's end waits for them (see {@link #settle}). */
    private final AtomicInteger measuring = new AtomicInteger();

    private volatile boolean closed;
    private String step = "the first step";
    private boolean measureCommit;

    /**
     * @param setting the limit as configured, like 10g, for messages
     * @param onExceeded told once, with a message naming the step and the limit
     */
    StepDiskWatch(
            DockerClient docker,
            long limit,
            String setting,
            Consumer<String> onExceeded,
            ScheduledExecutorService poller) {
        this.docker = docker;
        this.limit = limit;
        this.setting = setting;
        this.onExceeded = onExceeded;
        this.poller = poller;
    }

    /** Reads one line of the build's output, in order. */
    void onLine(String line) {
        if (closed) {
            return;
        }
        Matcher m;
        if ((m = STEP.matcher(line)).matches()) {
            step = "Step " + m.group(1) + " (" + shorten(m.group(2)) + ")";
            measureCommit = !m.group(2).toUpperCase(Locale.ROOT).startsWith("FROM ");
        } else if (line.contains("---> Using cache")) {
            measureCommit = false; // an earlier build's layer: nothing written now
        } else if ((m = RUNNING_IN.matcher(line)).matches()) {
            String container = m.group(1);
            watched.put(container, step);
            schedule(() -> poll(container), 0);
        } else if (line.startsWith("Removing intermediate container ")) {
            watched.remove(
                    line.substring("Removing intermediate container ".length()).trim());
        } else if ((m = COMMITTED.matcher(line)).matches() && measureCommit) {
            String image = m.group(1);
            String of = step;
            measureCommit = false;
            measuring.incrementAndGet();
            if (!schedule(() -> measureLayer(image, of), 0)) {
                measuring.decrementAndGet();
            }
        }
    }

    private void poll(String container) {
        String of = watched.get(container);
        if (of == null || closed) {
            return;
        }
        long start = System.nanoTime();
        Long size;
        try {
            size = docker.inspectContainerCmd(container).withSize(true).exec().getSizeRw();
        } catch (NotFoundException e) {
            watched.remove(container);
            return;
        } catch (RuntimeException e) {
            size = null; // the engine is busy or the step is ending: try again
        }
        if (size != null && size > limit) {
            watched.remove(container);
            exceed(of + " had written " + size + " bytes to its container's disk when it was stopped");
            return;
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        schedule(() -> poll(container), Math.max(MIN_PAUSE_MS, 10 * took));
    }

    private void measureLayer(String image, String of) {
        try {
            if (closed) {
                return;
            }
            InspectImageResponse made = docker.inspectImageCmd(image).exec();
            String parent = made.getParent();
            if (made.getSize() == null || parent == null || parent.isBlank()) {
                return;
            }
            Long before = docker.inspectImageCmd(parent).exec().getSize();
            long layer = made.getSize() - (before == null ? 0 : before);
            if (layer > limit) {
                exceed(of + " wrote a layer of " + layer + " bytes");
            }
        } catch (RuntimeException e) {
            // the build ended and its images went: nothing to hold any more
        } finally {
            measuring.decrementAndGet();
        }
    }

    /** Waits, at most {@code timeoutMs}, for the layers of the last steps to be measured: the last step is held too. */
    void settle(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (measuring.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void exceed(String what) {
        if (!closed && exceeded.compareAndSet(false, true)) {
            onExceeded.accept(what + ": a step may write at most " + limit + " bytes (BUILD_DISK_LIMIT=" + setting
                    + "). Write less in one step, or delete what the step does not need within the same RUN");
        }
    }

    private boolean schedule(Runnable task, long delayMs) {
        if (closed) {
            return false;
        }
        try {
            poller.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // the service is stopping
        }
    }

    private static String shorten(String instruction) {
        return instruction.length() <= 120 ? instruction : instruction.substring(0, 120) + "...";
    }

    @Override
    public void close() {
        closed = true;
        watched.clear();
    }
}
