package io.daas.builder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTests {

    @Test
    void readsDockerStyleSizes() {
        assertThat(ByteSize.parse("2g").orNull()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(ByteSize.parse("64m").orNull()).isEqualTo(64L * 1024 * 1024);
        assertThat(ByteSize.parse("512MB").orNull()).isEqualTo(512L * 1024 * 1024);
        assertThat(ByteSize.parse("1024").orNull()).isEqualTo(1024L);
        assertThat(ByteSize.parse("").orNull()).isNull();
        assertThat(ByteSize.parse("0").orNull()).isNull();
    }

    @Test
    void refusesWhatIsNotASize() {
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("like 2g");
        assertThatThrownBy(() -> ByteSize.parse("-5m")).hasMessage("'-5m' is negative");
    }

    @Test
    void keepsTheSizeAsWrittenForMessages() {
        assertThat(ByteSize.parse("10g")).hasToString("10g");
        assertThat(ByteSize.parse("10g").text()).isEqualTo("10g");
    }
}
