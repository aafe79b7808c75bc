package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.config.RegistryProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredRegistryPolicyTests {

    private final OutboundPolicy policy = new OutboundPolicy(
            new SecurityProperties(null, null, 30, false, false, List.of(), 1_048_576),
            new RegistryProperties("http://127.0.0.1:5000/", "", "", "daas", 600));

    @Test
    void theRegistryUrlTheOperatorSetPassesAtExactlyItsHostAndPort() {
        assertThatCode(() -> policy.checkRegistry("127.0.0.1", "5000")).doesNotThrowAnyException();
    }

    @Test
    void anyOtherLoopbackRegistryIsStillRefused() {
        for (String[] other : new String[][] {{"127.0.0.1", "5001"}, {"127.0.0.1", null}, {"localhost", "5000"}}) {
            assertThatThrownBy(() -> policy.checkRegistry(other[0], other[1]))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageContaining("OUTBOUND_ALLOW_LOOPBACK");
        }
    }
}
