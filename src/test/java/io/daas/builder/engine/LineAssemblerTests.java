package io.daas.builder.engine;

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
}
