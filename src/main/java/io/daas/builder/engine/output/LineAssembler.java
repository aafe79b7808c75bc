package io.daas.builder.engine.output;

import io.daas.builder.engine.BuildLogLine;
import java.util.function.Consumer;

/**
 * Turns the engine's output chunks into whole lines: a step header and its newline may arrive in
 * separate chunks, and one chunk may hold several lines. A line keeps at most
 * {@link #MAX_LINE_CHARS}; the rest of it is dropped and a marker line says how much, so one step
 * printing a 250 MB line costs 64 KiB, not the service's heap.
 */
public final class LineAssembler {

    public static final int MAX_LINE_CHARS = 64 * 1024;

    private final StringBuilder pending = new StringBuilder();
    private final Consumer<BuildLogLine> sink;
    /** UTF-8 bytes of the current line dropped past the cap. */
    private long dropped;

    public LineAssembler(Consumer<BuildLogLine> sink) {
        this.sink = sink;
    }

    /** Reads one chunk; the chunk may be a buffer reused after the call, only its characters are kept. */
    public void accept(CharSequence chunk) {
        if (chunk == null || chunk.isEmpty()) {
            return;
        }
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                append(chunk, start, i);
                emit();
                start = i + 1;
            }
        }
        append(chunk, start, chunk.length());
    }

    /** Emits what is left when the stream ends without a final newline. */
    public void flush() {
        if (!pending.isEmpty() || dropped > 0) {
            emit();
        }
    }

    private void append(CharSequence chunk, int from, int to) {
        int take = Math.min(to - from, MAX_LINE_CHARS - pending.length());
        pending.append(chunk, from, from + take);
        if (from + take < to) {
            dropped += utf8Length(chunk, from + take, to);
        }
    }

    private void emit() {
        String line = pending.toString();
        pending.setLength(0);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        sink.accept(new BuildLogLine(line));
        if (dropped > 0) {
            sink.accept(new BuildLogLine("[daas] line truncated: " + dropped
                    + " bytes dropped (a log line keeps at most " + MAX_LINE_CHARS + " characters)"));
            dropped = 0;
        }
    }

    private static long utf8Length(CharSequence s, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
