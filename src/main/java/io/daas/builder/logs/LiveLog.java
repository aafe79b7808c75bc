package io.daas.builder.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running build's log: numbers its lines, keeps the newest in memory for live readers, stores them
 * in batches. Bounded: {@code maxBytes} per build (then a marker), a fixed window, batches kept small.
 */
public final class LiveLog {

    static final int MAX_LINE_CHARS = LogCap.MAX_LINE_CHARS;
    static final int WINDOW_LINES = 4096;
    static final int WINDOW_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(LiveLog.class);
    private final String buildId;
    private final BuildLogRepository repository;
    private final LogCap cap;
    private final Runnable listener;
    private final LogWindow window = new LogWindow(WINDOW_LINES + LogBatch.BACKLOG_BATCHES * LogBatch.LINES + 1);
    private final Runnable flushSoon;
    private final LogBatch batch;
    /** The highest line the store took (a failed write loses its lines; later ones may still be stored). */
    private final AtomicLong lastStored;
    /** Written under this log's lock; read without it by {@link #tail(int)} to see if its last answer holds. */
    private volatile long next;

    private final Object writing = new Object();
    private boolean closed;
    /** The last answer of {@link #tail(int)}: status polls between two lines take it without the lock. */
    private volatile Tail lastTail;

    private record Tail(long next, int n, List<String> lines) {}

    LiveLog(String buildId, BuildLogRepository repository, long maxBytes, Runnable listener) {
        this(buildId, repository, maxBytes, listener, null);
    }

    /**
     * With {@code flushSoon}, a full batch is written by another thread, so the engine's output is
     * read on without waiting for the store (the engine cuts a step's output 2 s after it exits).
     */
    LiveLog(String buildId, BuildLogRepository repository, long maxBytes, Runnable listener, Runnable flushSoon) {
        this.flushSoon = flushSoon;
        this.buildId = buildId;
        this.repository = repository;
        this.cap = new LogCap(maxBytes);
        this.listener = listener;
        this.batch = new LogBatch(repository.lastSeq(buildId));
        this.next = batch.durable() + 1;
        this.lastStored = new AtomicLong(batch.durable());
    }

    /** Adds one line; past the cap the first line becomes the truncation marker and the rest is dropped. */
    public void append(String line) {
        synchronized (this) {
            String kept = closed ? null : cap.admit(line);
            if (kept == null) {
                return;
            }
            add(new NumberedLine(next++, kept));
        }
        listener.run();
    }

    private void add(NumberedLine line) {
        long size = line.text().length() + 1L;
        window.add(line);
        batch.add(line, size);
        if (batch.full()) {
            if (flushSoon == null || batch.behind()) {
                flushLocked();
            } else if (batch.justFilled(size)) {
                flushSoon.run();
            }
        }
        // only lines already in the store leave the window, so a reader finds every line in one of them
        while ((window.size() > WINDOW_LINES || window.chars() > WINDOW_BYTES)
                && window.firstSeq(next) <= batch.durable()) {
            window.removeFirst();
        }
    }

    /**
     * Writes the lines not yet stored. The database write happens outside this log's lock, so
     * status reads and the engine's output never wait for the store.
     */
    void flush() {
        synchronized (writing) {
            List<NumberedLine> toWrite;
            synchronized (this) {
                if (batch.isEmpty()) {
                    return;
                }
                toWrite = batch.takeInFlight();
            }
            store(toWrite);
            synchronized (this) {
                batch.inFlightStored(toWrite.get(toWrite.size() - 1).seq());
            }
        }
    }

    private void flushLocked() {
        if (batch.isEmpty()) {
            return;
        }
        store(batch.lines());
        batch.storedUnderLock();
    }

    private void store(List<NumberedLine> lines) {
        try {
            repository.appendAll(buildId, lines);
            lastStored.accumulateAndGet(lines.get(lines.size() - 1).seq(), Math::max);
        } catch (RuntimeException e) {
            log.error("could not store {} log lines of build {}", lines.size(), buildId, e);
        }
    }

    /** Stores what is left, takes no more lines; returns once every line (a flush's batch too) is stored. */
    void close() {
        synchronized (writing) {
            synchronized (this) {
                flushLocked();
                closed = true;
            }
        }
        listener.run();
    }

    /** The highest line number in the store (0 for none): after {@link #close()}, the log's last line. */
    long lastStored() {
        return lastStored.get();
    }

    public boolean truncated() {
        return cap.truncated();
    }

    public long bytes() {
        return cap.bytes();
    }

    /**
     * Up to {@code max} lines numbered above {@code after}: from memory when the window holds them,
     * otherwise from the store (every line older than the window is stored).
     */
    LogChunk read(long after, int max) {
        long firstInMemory;
        synchronized (this) {
            firstInMemory = window.firstSeq(next);
            if (after + 1 >= firstInMemory) {
                List<NumberedLine> lines = window.after(after, max);
                long last =
                        lines.isEmpty() ? after : lines.get(lines.size() - 1).seq();
                return new LogChunk(lines, closed && last == next - 1);
            }
        }
        int limit = (int) Math.min(max, firstInMemory - 1 - after);
        List<NumberedLine> stored = repository.after(buildId, after, limit);
        if (stored.size() < limit || limit == max) {
            return new LogChunk(stored, false);
        }
        // the stored part ends where memory begins: go on from there
        LogChunk rest = read(stored.get(stored.size() - 1).seq(), max - limit);
        List<NumberedLine> lines = new ArrayList<>(stored);
        lines.addAll(rest.lines());
        return new LogChunk(lines, rest.complete());
    }

    /** The last {@code n} lines, oldest first. */
    List<String> tail(int n) {
        Tail known = lastTail;
        if (known != null && known.n() == n && known.next() == next) {
            return known.lines();
        }
        long from;
        long firstInMemory;
        List<String> recent = new ArrayList<>();
        synchronized (this) {
            from = Math.max(0, next - 1 - n);
            firstInMemory = window.firstSeq(next);
            window.after(Math.max(from, firstInMemory - 1), n).forEach(l -> recent.add(l.text()));
            if (from + 1 >= firstInMemory) {
                List<String> lines = Collections.unmodifiableList(recent);
                lastTail = new Tail(next, n, lines);
                return lines;
            }
        }
        List<String> lines = new ArrayList<>(n);
        repository.after(buildId, from, (int) (firstInMemory - 1 - from)).forEach(l -> lines.add(l.text()));
        lines.addAll(recent);
        return lines;
    }
}
