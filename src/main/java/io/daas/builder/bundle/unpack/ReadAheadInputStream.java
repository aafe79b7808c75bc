package io.daas.builder.bundle.unpack;

import io.daas.builder.config.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader, so inflating a
 * tar.gz overlaps with writing its files (as {@code tar -xzf} does with a gzip process). At most
 * {@code DEPTH} chunks are held, so memory stays bounded whatever the archive holds.
 */
final class ReadAheadInputStream extends InputStream {

    private static final int CHUNK = 256 * 1024;
    private static final int DEPTH = 8;

    private record Chunk(byte[] data, int length, Exception error) {}

    private static final Chunk END = new Chunk(new byte[0], 0, null);
    private static final ThreadFactory THREADS = DaemonThreads.named("bundle-read-ahead");

    private final InputStream source;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread thread;
    private Chunk current;
    private int position;
    private volatile boolean closed;

    ReadAheadInputStream(InputStream source) {
        this.source = source;
        this.thread = THREADS.newThread(this::pump);
        thread.start();
    }

    private void pump() {
        try {
            while (!closed) {
                byte[] data = new byte[CHUNK];
                int n = source.readNBytes(data, 0, CHUNK);
                if (n > 0) {
                    queue.put(new Chunk(data, n, null));
                }
                if (n < CHUNK) {
                    queue.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the reader
        } catch (IOException | RuntimeException e) {
            try {
                queue.put(new Chunk(null, 0, e));
            } catch (InterruptedException interrupted) {
                // closed by the reader
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (current == null || position == current.length()) {
            if (current == END) {
                return -1;
            }
            current = take();
            position = 0;
            if (current == END) {
                return -1;
            }
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.data(), position, b, off, n);
        position += n;
        return n;
    }

    private Chunk take() throws IOException {
        try {
            Chunk chunk = queue.take();
            if (chunk.error() instanceof IOException e) {
                throw new IOException(e.getMessage(), e);
            } else if (chunk.error() != null) {
                throw new IOException(chunk.error().toString(), chunk.error());
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the bundle", e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
