package io.daas.builder.reproducible;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The layers {@code docker save} has given whole so far, handed from the thread reading the save to the one writing the load. */
final class SavedLayers {

    private static final Layer END = new Layer(null, null);

    private final BlockingQueue<Layer> queue = new LinkedBlockingQueue<>();

    void add(String diffId, Path file) {
        queue.add(new Layer(diffId, file));
    }

    /** No more layers will come (the save ended, or failed). */
    void end() {
        queue.add(END);
    }

    /** The next layer, waiting for it; null once the save ended. */
    Layer next() throws InterruptedIOException {
        try {
            Layer next = queue.take();
            return next == END ? null : next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for docker save");
        }
    }

    /** A layer of the engine's, in a file. */
    record Layer(String diffId, Path file) {}
}
