package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link VersionRange}: npm, PEP 440 and caret constraints resolved to image lines. */
class VersionRangeTests {

    private static final List<String> NODE = List.of("22", "24", "20", "18", "16");
    private static final List<String> PYTHON = List.of("3.12", "3.13", "3.14", "3.11", "3.10", "3.9");

    @ParameterizedTest(name = "node {0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            >=18;              22
            >= 18.0.0 < 21;    20
            ^20.10.0;          20
            ~18.19;            18
            20.x;              20
            v16.20.2;          16
            18 || 20;          20
            >22;               24
            <=20;              20
            *;                 22
            >=25;              none
            """)
    void resolvesNodeRanges(String range, String expected) {
        assertThat(VersionRange.pick(range, NODE).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "python {0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            >=3.9;             3.12
            >=3.9,<3.12;       3.11
            ^3.10;             3.12
            ~=3.10;            3.12
            ~=3.10.2;          3.10
            ==3.11.*;          3.11
            3.13.1;            3.13
            >=3.13;            3.13
            !=3.12.*,>=3.11;   3.13
            <3.9;              none
            """)
    void resolvesPythonSpecifiers(String specifier, String expected) {
        assertThat(VersionRange.pick(specifier, PYTHON).orElse(null)).isEqualTo(expected);
    }
}
