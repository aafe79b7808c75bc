package io.daas.builder.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.security.SecretSanitiser;
import org.junit.jupiter.api.Test;

class PushFailuresTests {

    private static final PushTarget WITH_USER =
            PushTarget.of("127.0.0.1:5611", "daas", "daas-app", "b1", new RegistryCredentials("user", "the-password"));
    private static final PushTarget ANONYMOUS =
            PushTarget.of("127.0.0.1:5611", "daas", "daas-app", "b1", RegistryCredentials.anonymous());
    private static final SecretSanitiser SECRETS = SecretSanitiser.NONE.with("the-password");

    // The messages below are what engine 20.10 printed against the distribution registry.

    @Test
    void refusedCredentialsNameTheUserAndTheFieldsToCheck() {
        RegistryException e = PushFailures.classify(WITH_USER, "unauthorized: authentication required", SECRETS);

        assertThat(e).isInstanceOf(RegistryCredentialsRefusedException.class);
        assertThat(e.getMessage())
                .contains("127.0.0.1:5611", "user 'user'", "registry.username and registry.password")
                .doesNotContain("the-password");
    }

    @Test
    void anonymousPushToARegistryThatWantsCredentialsSaysToGiveThem() {
        RegistryException e = PushFailures.classify(ANONYMOUS, "no basic auth credentials", SECRETS);

        assertThat(e).isInstanceOf(RegistryCredentialsRefusedException.class);
        assertThat(e.getMessage()).contains("requires credentials", "give registry.username");
    }

    @Test
    void connectionRefusedIsUnreachable() {
        RegistryException e = PushFailures.classify(
                WITH_USER,
                "Get \"http://127.0.0.1:5612/v2/\": dial tcp 127.0.0.1:5612: connect: connection refused",
                SECRETS);

        assertThat(e).isInstanceOf(RegistryUnreachableException.class);
        assertThat(e.getMessage()).contains("not reachable", "connection refused", "check registry.url");
    }

    @Test
    void anyOtherRegistryAnswerIsARejectedPush() {
        RegistryException e = PushFailures.classify(WITH_USER, "unsupported: The operation is unsupported.", SECRETS);

        assertThat(e).isInstanceOf(PushRejectedException.class);
        assertThat(e.getMessage()).contains("rejected the push of 127.0.0.1:5611/daas/daas-app:b1");
    }

    @Test
    void aPasswordTheEngineEchoesIsMasked() {
        RegistryException e = PushFailures.classify(WITH_USER, "denied: bad the-password for user", SECRETS);

        assertThat(e.getMessage()).doesNotContain("the-password").contains("***");
    }
}
