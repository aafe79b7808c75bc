package io.daas.builder.logs;

import java.util.ArrayList;
import java.util.List;

/** The newest lines of a log in a fixed ring; lines are numbered without gaps, so a number finds its slot. */
final class LogWindow {

    private final NumberedLine[] ring;
    private int head;
    private int size;
    private long chars;

    LogWindow(int capacity) {
        this.ring = new NumberedLine[capacity];
    }

    int size() {
        return size;
    }

    long chars() {
        return chars;
    }

    boolean isFull() {
        return size == ring.length;
    }

    /** The number of the oldest line held, or {@code otherwise} when empty. */
    long firstSeq(long otherwise) {
        return size == 0 ? otherwise : ring[head].seq();
    }

    void add(NumberedLine line) {
        if (isFull()) {
            removeFirst();
        }
        ring[(head + size) % ring.length] = line;
        size++;
        chars += line.text().length() + 1L;
    }

    void removeFirst() {
        NumberedLine gone = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        chars -= gone.text().length() + 1L;
    }

    /** Up to {@code max} lines numbered above {@code after}; {@code after} must not be below the first held. */
    List<NumberedLine> after(long after, int max) {
        if (size == 0) {
            return List.of();
        }
        int from = (int) Math.max(0, after + 1 - ring[head].seq());
        int n = Math.min(max, size - from);
        List<NumberedLine> lines = new ArrayList<>(Math.max(0, n));
        for (int i = 0; i < n; i++) {
            lines.add(ring[(head + from + i) % ring.length]);
        }
        return lines;
    }
}
