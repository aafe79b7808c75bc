package io.daas.builder.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTests {

    private final List<String> lines = new ArrayList<>();
    private final LineAssembler assembler = new LineAssembler(l -> lines.add(l.text()));

    @Test
    void aStepHeaderSplitFromItsNewlineBecomesOneLine() {
        assembler.accept("Step 2/3 : RUN echo x");
        assembler.accept("\n");
        assembler.accept(" ---> Running in abc\nx\n");

        assertThat(lines).containsExactly("Step 2/3 : RUN echo x", " ---> Running in abc", "x");
    }

    @Test
    void whatIsLeftIsEmittedOnFlushAndCarriageReturnsAreDropped() {
        assembler.accept("one\r\ntwo");
        assembler.flush();
        assembler.flush();

        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void aLineLongerThanTheCapKeepsItsStartAndSaysHowManyBytesWereDropped() {
        String piece = "a".repeat(1000);
        for (int i = 0; i < 250_000; i++) { // 250 MB in pieces, as the engine sends a step's output
            assembler.accept(piece);
        }
        assembler.accept("é\nnext line\n");

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).hasSize(LineAssembler.MAX_LINE_CHARS).matches("a+");
        assertThat(lines.get(1))
                .isEqualTo("[daas] line truncated: " + (250_000_000L - LineAssembler.MAX_LINE_CHARS + 2)
                        + " bytes dropped (a log line keeps at most 65536 characters)");
        assertThat(lines.get(2)).isEqualTo("next line");
    }

    @Test
    void aLineOfExactlyTheCapIsKeptWhole() {
        assembler.accept("b".repeat(LineAssembler.MAX_LINE_CHARS) + "\n");
        assembler.accept("c");
        assembler.flush();

        assertThat(lines).containsExactly("b".repeat(LineAssembler.MAX_LINE_CHARS), "c");
    }
}
