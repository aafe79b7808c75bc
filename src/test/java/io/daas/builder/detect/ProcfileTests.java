package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link Procfile}: the web: line only. */
class ProcfileTests {

    @Test
    void readsTheWebProcessOnly() {
        assertThat(Procfile.web("release: ./migrate\nweb:   bundle exec puma -C config/puma.rb \nworker: x\n"))
                .contains("bundle exec puma -C config/puma.rb");
        assertThat(Procfile.web("worker: x\n")).isEmpty();
        assertThat(Procfile.web("web:\n")).isEmpty();
    }
}
