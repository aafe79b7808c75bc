package io.daas.builder.engine.output;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Decodes the body of one JSON string, fed as raw UTF-8 bytes in any pieces, into text passed on
 * in pieces of at most 8 KiB (a reused buffer, valid during the call): a string value of any length is read without ever being held whole.
 * See https://www.rfc-editor.org/rfc/rfc8259#section-7 for the escapes.
 */
final class JsonStringPieces {

    private static final int NO_ESCAPE = -1;
    private static final int AFTER_BACKSLASH = 0;

    private final Consumer<CharSequence> sink;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer raw = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    /** NO_ESCAPE, AFTER_BACKSLASH, or 1 to 4: hex digits of a {@code \}{@code u} escape read so far. */
    private int escape = NO_ESCAPE;

    private int unicode;

    JsonStringPieces(Consumer<CharSequence> sink) {
        this.sink = sink;
    }

    /** Reads bytes of the string; returns the index just past its closing quote, or -1 when it goes on. */
    int feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (escape == AFTER_BACKSLASH) {
                escaped(b);
            } else if (escape > 0) {
                int digit = Character.digit(b, 16);
                unicode = unicode * 16 + Math.max(0, digit);
                if (++escape == 5) {
                    escape = NO_ESCAPE;
                    text((char) unicode);
                }
            } else if (b == '\\') {
                escape = AFTER_BACKSLASH;
            } else if (b == '"') {
                decodeRaw();
                passOn();
                return i + 1;
            } else {
                if (!raw.hasRemaining()) {
                    decodeRaw();
                }
                raw.put(b);
            }
        }
        decodeRaw();
        passOn();
        return -1;
    }

    private void escaped(byte b) {
        escape = NO_ESCAPE;
        switch (b) {
            case 'n' -> text('\n');
            case 'r' -> text('\r');
            case 't' -> text('\t');
            case 'b' -> text('\b');
            case 'f' -> text('\f');
            case 'u' -> {
                escape = 1;
                unicode = 0;
            }
            default -> text((char) b); // \" \\ \/
        }
    }

    private void text(char c) {
        decodeRaw();
        if (raw.position() > 0) {
            raw.clear(); // an unfinished UTF-8 sequence before an escape is malformed
            put('\uFFFD');
        }
        put(c);
    }

    private void put(char c) {
        if (!chars.hasRemaining()) {
            passOn();
        }
        chars.put(c);
    }

    /** Decodes the raw bytes gathered so far; an unfinished multi-byte sequence waits for its next bytes. */
    private void decodeRaw() {
        raw.flip();
        while (utf8.decode(raw, chars, false) == CoderResult.OVERFLOW) {
            passOn();
        }
        raw.compact();
    }

    private void passOn() {
        chars.flip();
        if (chars.hasRemaining()) {
            sink.accept(chars); // a view of the buffer, read before it is cleared
        }
        chars.clear();
    }
}
