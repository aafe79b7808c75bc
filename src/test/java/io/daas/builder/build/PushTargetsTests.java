package io.daas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.config.RegistryProperties;
import io.daas.builder.registry.InvalidPushTargetException;
import org.junit.jupiter.api.Test;

class PushTargetsTests {

    private static final PushTargets NO_DEFAULT = new PushTargets(new RegistryProperties("", "", "", "daas", 600));
    private static final PushTargets WITH_DEFAULT =
            new PushTargets(new RegistryProperties("registry.example.com", "env-user", "env-pass", "daas", 600));

    @Test
    void withoutARegistryAndWithoutADefaultTheUrlIsNamedAsMissing() {
        assertThatThrownBy(() -> NO_DEFAULT.resolve("b1", PushRequest.defaults()))
                .isInstanceOf(InvalidPushTargetException.class)
                .hasMessageContaining("registry.url is required")
                .hasMessageContaining("REGISTRY_URL");
    }

    @Test
    void theOriginalNamingIsTheDefault() {
        PushTargets.Resolved r =
                NO_DEFAULT.resolve("b1", new PushRequest("127.0.0.1:5000", null, null, null, null, null));

        assertThat(r.target().reference()).isEqualTo("127.0.0.1:5000/daas/daas-app:b1");
        assertThat(r.target().credentials().isAnonymous()).isTrue();
        assertThat(r.source()).isEqualTo(CredentialSource.NONE);
    }

    @Test
    void aUserNeedsAPasswordAndAPasswordAUser() {
        assertThatThrownBy(() -> NO_DEFAULT.resolve("b1", new PushRequest("r.io", "me", null, null, null, null)))
                .hasMessageContaining("registry.password is required");
        assertThatThrownBy(() -> NO_DEFAULT.resolve("b1", new PushRequest("r.io", null, "pw", null, null, null)))
                .hasMessageContaining("registry.username is required");
    }

    @Test
    void theDefaultCredentialsGoToTheDefaultRegistryOnly() {
        PushTargets.Resolved toDefault = WITH_DEFAULT.resolve("b1", PushRequest.defaults());
        PushTargets.Resolved toDefaultByName = WITH_DEFAULT.resolve(
                "b1", new PushRequest("https://registry.example.com/", null, null, "team", "app", "v1"));
        PushTargets.Resolved elsewhere =
                WITH_DEFAULT.resolve("b1", new PushRequest("other.example.com", null, null, null, null, null));

        assertThat(toDefault.source()).isEqualTo(CredentialSource.DEFAULT);
        assertThat(toDefault.target().credentials().username()).isEqualTo("env-user");
        assertThat(toDefaultByName.target().reference()).isEqualTo("registry.example.com/team/app:v1");
        assertThat(toDefaultByName.source()).isEqualTo(CredentialSource.DEFAULT);
        assertThat(elsewhere.source()).isEqualTo(CredentialSource.NONE);
        assertThat(elsewhere.target().credentials().isAnonymous()).isTrue();
    }

    @Test
    void credentialsInTheRequestWinAndAreMarkedAsHeldInMemory() {
        PushTargets.Resolved r = WITH_DEFAULT.resolve("b1", new PushRequest(null, "me", "pw", null, null, null));

        assertThat(r.source()).isEqualTo(CredentialSource.REQUEST);
        assertThat(r.target().credentials().username()).isEqualTo("me");
        assertThat(r.target().registry()).isEqualTo("registry.example.com");
    }
}
