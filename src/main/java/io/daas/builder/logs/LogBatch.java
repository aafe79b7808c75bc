package io.daas.builder.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lines of a {@link LiveLog} not yet handed to the store, when they are due, and how far the
 * store holds the log. Not thread-safe: every call is made under the live log's lock.
 */
final class LogBatch {

    static final int LINES = 1000;
    static final int BYTES = 256 * 1024;
    /** Unstored lines past which append itself writes (the store is behind): memory stays bounded. */
    static final int BACKLOG_BATCHES = 4;

    private final List<NumberedLine> lines = new ArrayList<>();
    private long bytes;
    private long durable;
    /** First line of a batch that {@link LiveLog#flush()} is writing outside the lock, or 0. */
    private long inFlightFrom;
    /** Last line written by a flush under the lock while a batch was in flight. */
    private long writtenUpTo;

    LogBatch(long durable) {
        this.durable = durable;
    }

    /** Adds a line of {@code size} bytes. */
    void add(NumberedLine line, long size) {
        lines.add(line);
        bytes += size;
    }

    /** Whether the batch is due to be written. */
    boolean full() {
        return lines.size() >= LINES || bytes >= BYTES;
    }

    /** Whether so many lines wait that the writer must not wait for another thread. */
    boolean behind() {
        return lines.size() >= BACKLOG_BATCHES * LINES || bytes >= BACKLOG_BATCHES * BYTES;
    }

    /** Whether the line of {@code size} bytes just added is the one that made the batch full. */
    boolean justFilled(long size) {
        return lines.size() == LINES || bytes - size < BYTES;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The last line known to be in the store. */
    long durable() {
        return durable;
    }

    /** Takes the lines to write outside the lock, marking them in flight. */
    List<NumberedLine> takeInFlight() {
        List<NumberedLine> taken = new ArrayList<>(lines);
        inFlightFrom = taken.get(0).seq();
        clear();
        return taken;
    }

    /** Notes that the lines taken by {@link #takeInFlight()}, up to {@code last}, are stored. */
    void inFlightStored(long last) {
        // lines written meanwhile under the lock come after this batch: all up to there are stored
        durable = Math.max(durable, Math.max(last, writtenUpTo));
        inFlightFrom = 0;
    }

    /** The lines to write under the lock; then {@link #storedUnderLock()}. */
    List<NumberedLine> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** Notes that the lines of {@link #lines()} are stored, and empties the batch. */
    void storedUnderLock() {
        long last = lines.get(lines.size() - 1).seq();
        if (inFlightFrom > 0) {
            // an earlier batch is still being written: lines from it on are not all stored yet
            writtenUpTo = last;
        } else {
            durable = last;
        }
        clear();
    }

    private void clear() {
        lines.clear();
        bytes = 0;
    }
}
