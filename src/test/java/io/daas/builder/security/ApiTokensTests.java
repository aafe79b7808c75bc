package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokensTests {

    @Test
    void readsTokensTenantsAndRolesWithComments() {
        ApiTokens tokens = ApiTokens.parse(
                List.of(
                        "# token tenant [role]",
                        "",
                        "alice-token-0123456789 alice",
                        "ops-token-0123456789abc ops admin  # the operators",
                        "bob-token-0123456789xx 0xabc user"),
                "tokens");

        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.authenticate("alice-token-0123456789")).contains(new Caller("alice", Role.USER));
        assertThat(tokens.authenticate("ops-token-0123456789abc")).contains(new Caller("ops", Role.ADMIN));
        assertThat(tokens.authenticate("bob-token-0123456789xx")).contains(new Caller("0xabc", Role.USER));
        assertThat(tokens.authenticate("alice-token-012345678")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void aBadFileStopsTheServiceRatherThanOpeningIt() {
        assertThatThrownBy(() -> ApiTokens.parse(List.of("# nothing"), "f")).hasMessageContaining("holds no token");
        assertThatThrownBy(() -> ApiTokens.parse(List.of("short alice"), "f")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ApiTokens.parse(List.of("alice-token-0123456789"), "f"))
                .hasMessageContaining("token tenant [role]");
        assertThatThrownBy(() -> ApiTokens.parse(List.of("alice-token-0123456789 alice root"), "f"))
                .hasMessageContaining("role");
        assertThatThrownBy(() ->
                        ApiTokens.parse(List.of("alice-token-0123456789 alice", "alice-token-0123456789 bob"), "f"))
                .hasMessageContaining("line 2");
    }

    @Test
    void theTenantNameLocalIsReservedForTheBuildsMadeWithoutTokens() {
        for (String name : List.of("local", "LOCAL", "Local")) {
            assertThatThrownBy(() -> ApiTokens.parse(
                            List.of("alice-token-0123456789 alice", "local-token-0123456789 " + name + " admin"),
                            "tokens.txt"))
                    .hasMessageContaining("tokens.txt line 2")
                    .hasMessageContaining("'" + name + "' is reserved");
        }
        assertThat(ApiTokens.parse(List.of("alice-token-0123456789 localhost"), "f")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void bindsToLoopbackOnlyWithoutTokens() {
        assertThat(BindAddress.choose(null, false)).isEqualTo("127.0.0.1");
        assertThat(BindAddress.choose("", true)).isEqualTo("0.0.0.0");
        assertThat(BindAddress.choose("10.0.0.5", false)).isEqualTo("10.0.0.5");
    }
}
