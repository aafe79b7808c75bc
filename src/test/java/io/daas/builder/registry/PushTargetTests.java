package io.daas.builder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PushTargetTests {

    private static final RegistryCredentials NONE = RegistryCredentials.anonymous();

    @Test
    void referenceIsRegistryNamespaceRepositoryAndTag() {
        PushTarget t = PushTarget.of("registry.example.com", "team/apps", "daas-app", "abc", NONE);

        assertThat(t.reference()).isEqualTo("registry.example.com/team/apps/daas-app:abc");
        assertThat(t.repositoryReference()).isEqualTo("registry.example.com/team/apps/daas-app");
    }

    @Test
    void aUrlLosesItsSchemeAndTrailingSlash() {
        assertThat(PushTarget.of("https://127.0.0.1:5000/", "daas", "daas-app", "1", NONE)
                        .registry())
                .isEqualTo("127.0.0.1:5000");
    }

    @Test
    void eachWrongPartIsNamed() {
        assertThatThrownBy(() -> PushTarget.of("not a host", "daas", "daas-app", "1", NONE))
                .isInstanceOf(InvalidPushTargetException.class)
                .hasMessageContaining("registry.url");
        assertThatThrownBy(() -> PushTarget.of("r.io", "Bad_/", "daas-app", "1", NONE))
                .hasMessageContaining("registry.namespace");
        assertThatThrownBy(() -> PushTarget.of("r.io", "daas", "App!", "1", NONE))
                .hasMessageContaining("repository");
        assertThatThrownBy(() -> PushTarget.of("r.io", "daas", "daas-app", "-x", NONE))
                .hasMessageContaining("tag");
    }

    @Test
    void theHostFollowsTheSameGrammarAsTheRequestsRegistryUrl() {
        for (String host : List.of("a..b", "a.-b.io", "r.io:99999", "r.io:0", "-r.io")) {
            assertThatThrownBy(() -> PushTarget.of(host, "daas", "daas-app", "1", NONE))
                    .as(host)
                    .hasMessageContaining("registry.url");
        }
        assertThat(PushTarget.of("[::1]:5000", "daas", "daas-app", "1", NONE).registry())
                .isEqualTo("[::1]:5000");
        assertThat(RegistryGrammar.hostPort("registry.example.com:5000"))
                .contains(new RegistryGrammar.HostPort("registry.example.com", "5000"));
    }

    @Test
    void credentialsNeverShowThePassword() {
        RegistryCredentials c = new RegistryCredentials("user", "s3cret-pw");

        assertThat(c.toString()).doesNotContain("s3cret-pw");
        assertThat(PushTarget.of("r.io", "daas", "daas-app", "1", c).toString()).doesNotContain("s3cret-pw");
    }
}
