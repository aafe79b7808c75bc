package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSanitiserTests {

    @Test
    void namesThatLookSecretAreRecognisedWhateverTheirCase() {
        assertThat(List.of("DB_PASSWORD", "npmToken", "client_secret", "API_KEY", "sshkey", "passwd"))
                .allMatch(SecretSanitiser::isSecretName);
        assertThat(List.of("NODE_ENV", "version", "GREETING", "")).noneMatch(SecretSanitiser::isSecretName);
        assertThat(SecretSanitiser.isSecretName(null)).isFalse();
    }

    @Test
    void theBroadenedRuleCatchesPassAuthCredCertSessionAndFriends() {
        assertThat(List.of(
                        "DB_PASS",
                        "dbPass",
                        "DBPASS",
                        "PASS",
                        "MYSQL_PWD",
                        "BASIC_AUTH",
                        "oauth",
                        "AUTHORIZATION",
                        "AWS_CREDS",
                        "GOOGLE_APPLICATION_CREDENTIALS",
                        "PRIVATE_KEY_PEM",
                        "TLS_CERT",
                        "SESSION_ID",
                        "NPMTOKEN",
                        "sshKey",
                        "api-key2",
                        "KEY",
                        "cookie"))
                .allMatch(SecretSanitiser::isSecretName);
    }

    @Test
    void commonHarmlessNamesAndTheDaasClientsLabelsAreNotSecretNames() {
        assertThat(List.of(
                        "NODE_ENV",
                        "daas.wallet",
                        "daas.timestamp",
                        "daas.service",
                        "daas.fallback",
                        "daas.reason",
                        "org.opencontainers.image.authors",
                        "author",
                        "maintainer",
                        "KEYWORDS",
                        "BYPASS_CACHE",
                        "COMPASS_VERSION",
                        "PORT",
                        "BUILD_DATE",
                        "GIT_COMMIT",
                        "PYTHON_VERSION",
                        "description"))
                .noneMatch(SecretSanitiser::isSecretName);
    }

    @Test
    void secretValuesAreMaskedWhereverTheyAppearInText() {
        SecretSanitiser s = SecretSanitiser.of(List.of("hunter2-secret", "tok-123456"));

        assertThat(s.clean("login with hunter2-secret failed; token tok-123456 and again hunter2-secret"))
                .isEqualTo("login with *** failed; token *** and again ***");
        assertThat(s.clean("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(s.clean(null)).isNull();
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        SecretSanitiser s = SecretSanitiser.of(List.of("abcd", "abcdefgh"));

        assertThat(s.clean("x abcdefgh y abcd")).isEqualTo("x *** y ***");
    }

    @Test
    void blankAndVeryShortValuesAreNotTreatedAsSecretsSoOrdinaryTextSurvives() {
        SecretSanitiser s = SecretSanitiser.of(java.util.Arrays.asList("1", "", "   ", null, "***"));

        assertThat(s.clean("Step 1/4 : RUN echo ***")).isEqualTo("Step 1/4 : RUN echo ***");
    }

    @Test
    void onlyTheValuesOfSecretLookingBuildArgsAndLabelsAreMasked() {
        Map<String, String> args = Map.of("NPM_TOKEN", "npm_abcdef", "NODE_ENV", "production");
        Map<String, String> labels = Map.of("vault.secret", "s3cr3t-label", "version", "1.0.0");

        SecretSanitiser s = SecretSanitiser.forEntries(args, labels);

        assertThat(s.clean("npm_abcdef production s3cr3t-label 1.0.0")).isEqualTo("*** production *** 1.0.0");
        assertThat(SecretSanitiser.maskSecretEntries(args))
                .containsEntry("NPM_TOKEN", "***")
                .containsEntry("NODE_ENV", "production");
    }

    @Test
    void withAddsValuesAndKeepsTheOldOnes() {
        SecretSanitiser s =
                SecretSanitiser.forEntries(Map.of("API_KEY", "key-value-1")).with("registry-pass");

        assertThat(s.clean("key-value-1 registry-pass")).isEqualTo("*** ***");
        assertThat(SecretSanitiser.NONE.clean("registry-pass")).isEqualTo("registry-pass");
    }

    @Test
    void maskedSecretNamesTellWhichSecretsWereNotKept() {
        assertThat(SecretSanitiser.maskedSecretNames(
                        Map.of("B_TOKEN", "***", "A_KEY", "***", "X", "***", "C_SECRET", "v")))
                .containsExactly("A_KEY", "B_TOKEN");
    }
}
