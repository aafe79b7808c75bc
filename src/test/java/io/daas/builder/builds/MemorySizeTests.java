package io.daas.builder.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemorySizeTests {

    @Test
    void readsDockerStyleSizes() {
        assertThat(MemorySize.parse("2g")).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(MemorySize.parse("64m")).isEqualTo(64L * 1024 * 1024);
        assertThat(MemorySize.parse("512MB")).isEqualTo(512L * 1024 * 1024);
        assertThat(MemorySize.parse("1024")).isEqualTo(1024L);
        assertThat(MemorySize.parse("")).isNull();
        assertThat(MemorySize.parse("0")).isNull();
    }

    @Test
    void refusesWhatIsNotASize() {
        assertThatThrownBy(() -> MemorySize.parse("lots")).hasMessageContaining("like 2g");
    }
}
