package io.daas.builder.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EngineMessagesTests {

    private final List<String> messages = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final List<Long> dropped = new ArrayList<>();
    private final LineAssembler lines = new LineAssembler(l -> messages.add("line: " + l.text()));

    @Test
    void messagesOneALineAreReadAsJson() throws IOException {
        read(stream("{\"stream\":\"Step 1/2 : FROM x\\n\"}\r\n\r\n{\"aux\":{\"ID\":\"sha256:abc\"}}\r\n"));

        assertThat(messages)
                .containsExactly("{\"stream\":\"Step 1/2 : FROM x\\n\"}", "{\"aux\":{\"ID\":\"sha256:abc\"}}");
    }

    @Test
    void aStreamMessageOf250MbIsPassedOnInPiecesWithoutBeingHeldWhole() throws IOException {
        InputStream huge = new SequenceInputStream(Collections.enumeration(List.of(
                stream("{\"stream\":\"start \\u00e9\\\"q\\\" "),
                letters(250_000_000),
                stream(" \u00e9nd\\n\"}\r\n{\"aux\":{\"ID\":\"sha256:abc\"}}\r\n"))));
        long before = allocated();

        read(huge);

        assertThat(allocated() - before).isLessThan(64L << 20);
        assertThat(messages).containsExactly("{\"aux\":{\"ID\":\"sha256:abc\"}}");
        assertThat(text.length()).isEqualTo(LineAssembler.MAX_LINE_CHARS);
        assertThat(text.toString()).startsWith("start \u00e9\"q\" aaa");
    }

    @Test
    void anotherMessagePastTheBoundIsDroppedAndSaidSo() throws IOException {
        InputStream huge = new SequenceInputStream(Collections.enumeration(
                List.of(stream("{\"status\":\""), letters(3_000_000), stream("\"}\n{\"stream\":\"ok\\n\"}\n"))));

        read(huge);

        assertThat(dropped).containsExactly(3_000_000L + 13);
        assertThat(messages).containsExactly("{\"stream\":\"ok\\n\"}");
    }

    /** Reads through EngineMessages; stream texts go through a LineAssembler, as in RunningImageBuild. */
    private void read(InputStream in) throws IOException {
        LineAssembler capped = new LineAssembler(l -> text.append(l.text()));
        new EngineMessages(in, JsonMapper.builder().build(), new EngineMessages.Handler() {
                    @Override
                    public void message(JsonNode message) {
                        messages.add(message.toString());
                    }

                    @Override
                    public void streamText(CharSequence piece) {
                        capped.accept(piece);
                    }

                    @Override
                    public void dropped(long bytes) {
                        dropped.add(bytes);
                    }
                })
                .readAll();
        String all = text.toString();
        text.setLength(0);
        text.append(all.contains("[daas]") ? all.substring(0, all.indexOf("[daas]")) : all);
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code n} letters, made as they are read. */
    private static InputStream letters(long n) {
        return new InputStream() {
            private long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) 'a');
                left -= k;
                return k;
            }
        };
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
