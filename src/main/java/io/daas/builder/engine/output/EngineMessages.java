package io.daas.builder.engine.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Splits the engine's build answer into its JSON messages, one a line, holding at most
 * {@link #MAX_MESSAGE_BYTES} of any. The engine sends a step's output in pieces of 32 KiB, but
 * nothing makes it: a longer {@code {"stream":"..."}} message has its text passed on in pieces as
 * it arrives, any other longer message is dropped, so no answer can fill the service's heap.
 */
public final class EngineMessages {

    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final byte[] STREAM_PREFIX = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);

    /** What the messages say. */
    public interface Handler {
        void message(JsonNode message);

        /** A piece of a long stream text: a buffer reused after the call. */
        void streamText(CharSequence piece);

        void dropped(long bytes);
    }

    private enum Mode {
        LINE,
        STREAM_TEXT,
        REST_OF_LINE
    }

    private final InputStream in;
    private final ObjectMapper json;
    private final Handler handler;
    private byte[] line = new byte[8192];
    private int lineLength;
    private Mode mode = Mode.LINE;
    private JsonStringPieces text;
    private long droppedBytes;

    public EngineMessages(InputStream in, ObjectMapper json, Handler handler) {
        this.in = in;
        this.json = json;
        this.handler = handler;
    }

    /** Reads to the end of the answer. */
    public void readAll() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int pos = 0;
            while (pos < n) {
                pos = switch (mode) {
                    case LINE -> line(buffer, pos, n);
                    case STREAM_TEXT -> streamText(buffer, pos, n);
                    case REST_OF_LINE -> restOfLine(buffer, pos, n);
                };
            }
        }
        if (mode == Mode.LINE && lineLength > 0) {
            dispatch();
        }
    }

    private int line(byte[] buffer, int pos, int n) {
        int newline = indexOf(buffer, pos, n);
        int end = newline < 0 ? n : newline;
        int room = MAX_MESSAGE_BYTES - lineLength;
        if (end - pos > room) {
            append(buffer, pos, room);
            oversized();
            return pos + room;
        }
        append(buffer, pos, end - pos);
        if (newline < 0) {
            return n;
        }
        dispatch();
        return newline + 1;
    }

    /** A message past the bound: a stream message's text goes on in pieces, anything else is dropped. */
    private void oversized() {
        int start = 0;
        while (start < lineLength && Character.isWhitespace(line[start])) {
            start++;
        }
        if (Arrays.equals(
                line,
                start,
                Math.min(lineLength, start + STREAM_PREFIX.length),
                STREAM_PREFIX,
                0,
                STREAM_PREFIX.length)) {
            text = new JsonStringPieces(handler::streamText);
            int from = start + STREAM_PREFIX.length;
            int closed = text.feed(line, from, lineLength - from);
            mode = closed < 0 ? Mode.STREAM_TEXT : Mode.REST_OF_LINE;
        } else {
            droppedBytes = lineLength;
            mode = Mode.REST_OF_LINE;
        }
        line = new byte[8192];
        lineLength = 0;
    }

    private int streamText(byte[] buffer, int pos, int n) {
        int closed = text.feed(buffer, pos, n - pos);
        if (closed < 0) {
            return n;
        }
        text = null;
        mode = Mode.REST_OF_LINE;
        return closed;
    }

    private int restOfLine(byte[] buffer, int pos, int n) {
        int newline = indexOf(buffer, pos, n);
        int end = newline < 0 ? n : newline;
        if (droppedBytes > 0) {
            droppedBytes += end - pos;
        }
        if (newline < 0) {
            return n;
        }
        if (droppedBytes > 0) {
            handler.dropped(droppedBytes);
            droppedBytes = 0;
        }
        mode = Mode.LINE;
        return newline + 1;
    }

    private void append(byte[] buffer, int pos, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_MESSAGE_BYTES, Math.max(lineLength + length, line.length * 2)));
        }
        System.arraycopy(buffer, pos, line, lineLength, length);
        lineLength += length;
    }

    private void dispatch() {
        int length = lineLength;
        lineLength = 0;
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(line[i])) {
                handler.message(json.readTree(Arrays.copyOf(line, length)));
                return;
            }
        }
    }

    private static int indexOf(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
