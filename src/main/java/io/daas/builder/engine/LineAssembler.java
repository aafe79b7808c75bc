package io.daas.builder.engine;

import java.util.function.Consumer;

/**
 * Turns the engine's output chunks into whole lines: a step header and its newline may arrive in
 * separate chunks, and one chunk may hold several lines.
 */
final class LineAssembler {

    private final StringBuilder pending = new StringBuilder();
    private final Consumer<BuildLogLine> sink;

    LineAssembler(Consumer<BuildLogLine> sink) {
        this.sink = sink;
    }

    void accept(String chunk) {
        if (chunk == null || chunk.isEmpty()) {
            return;
        }
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                pending.append(chunk, start, i);
                emit();
                start = i + 1;
            }
        }
        pending.append(chunk, start, chunk.length());
    }

    /** Emits what is left when the stream ends without a final newline. */
    void flush() {
        if (!pending.isEmpty()) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString();
        pending.setLength(0);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        sink.accept(new BuildLogLine(line));
    }
}
