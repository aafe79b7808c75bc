package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.builds.BuildOptions;
import io.daas.builder.errors.InvalidRequest;
import org.junit.jupiter.api.Test;

class ReproducibleOptionsTests {

    @Test
    void reproducibleAndItsEpochAreReadFromTheRequest() {
        BuildOptions o = BuildRequestValidator.options(StrictJson.read(
                        "{\"bundleId\":\"x\",\"buildOptions\":{\"reproducible\":true,\"sourceDateEpoch\":1700000000}}"
                                .getBytes(),
                        BuildRequestBody.class)
                .buildOptions());

        assertThat(o.reproducible()).isTrue();
        assertThat(o.sourceDateEpoch()).isEqualTo(1_700_000_000L);
        assertThat(BuildOptions.defaults().reproducible()).isFalse();
    }

    @Test
    void anEpochWithoutReproducibleOrOutOfRangeIsRefusedSayingWhy() {
        assertThatThrownBy(() -> BuildRequestValidator.options(new BuildRequestBody.Options(
                        null, null, null, null, null, null, null, 5L, null, null, null, null, null, null, null, null,
                        null, null, null)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("buildOptions.reproducible: true");
        assertThatThrownBy(() -> BuildRequestValidator.options(new BuildRequestBody.Options(
                        null, null, null, null, null, null, true, -1L, null, null, null, null, null, null, null, null,
                        null, null, null)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("buildOptions.sourceDateEpoch must be");
    }
}
