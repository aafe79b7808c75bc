package io.daas.builder.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ProvenanceSigningTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnFirstStartReadableByItsOwnerOnlyAndTheSameOnTheNext() throws Exception {
        Path file = dir.resolve("keys/provenance-key.pem");

        SigningKey first = SigningKey.loadOrCreate(file);
        SigningKey again = SigningKey.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(again.publicKeyPem()).isEqualTo(first.publicKeyPem());
        assertThat(SigningKey.readPublicKey(first.publicKeyPem())).isEqualTo(first.publicKey());
    }

    @Test
    void anEnvelopeVerifiesWithThePublicKeyAndATamperedPayloadOrAnotherKeyDoesNot() {
        SigningKey key = SigningKey.loadOrCreate(dir.resolve("a.pem"));
        SigningKey other = SigningKey.loadOrCreate(dir.resolve("b.pem"));
        byte[] statement = ProvenanceStatement.of(input("sha256:" + "1".repeat(64)), JSON);

        Dsse.Envelope envelope = Dsse.sign(Dsse.IN_TOTO, statement, key);
        String changed = new String(statement, StandardCharsets.UTF_8).replace("1".repeat(64), "2".repeat(64));
        Dsse.Envelope tampered = new Dsse.Envelope(
                envelope.payloadType(),
                Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)),
                envelope.signatures());

        assertThat(Dsse.verify(envelope, key.publicKey())).isTrue();
        assertThat(Dsse.verify(tampered, key.publicKey())).isFalse();
        assertThat(Dsse.verify(envelope, other.publicKey())).isFalse();
        assertThat(envelope.signatures().get(0).keyid()).isEqualTo(key.keyId());
    }

    @Test
    void thePreAuthenticationEncodingIsDsseV1s() {
        assertThat(new String(Dsse.pae("t", "body".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("DSSEv1 1 t 4 body");
    }

    @Test
    void theStatementNamesTheImageThePushedManifestTheBundleAndTheBases() {
        byte[] statement = ProvenanceStatement.of(input("sha256:" + "1".repeat(64)), JSON);

        assertThat(ProvenanceStatement.subjects(statement, JSON))
                .containsExactly(
                        Map.entry("daas-app:b1", "sha256:" + "9".repeat(64)),
                        Map.entry("127.0.0.1:5000/daas/app", "sha256:" + "1".repeat(64)));
        String text = new String(statement, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\"_type\":\"https://in-toto.io/Statement/v1\"")
                .contains("\"predicateType\":\"https://slsa.dev/provenance/v1\"")
                .contains("\"walrusBlobId\":\"blobblobblob\"")
                .contains("docker-image://127.0.0.1:5000/mirror/busybox@sha256:" + "b".repeat(64))
                .contains("\"invocationId\":\"b1\"")
                .doesNotContain("hunter2");
    }

    private static ProvenanceStatement.Input input(String manifest) {
        return new ProvenanceStatement.Input(
                "b1",
                "blobblobblob",
                "blobblobblob",
                "5".repeat(64),
                Map.of("buildArgs", Map.of("API_TOKEN", "***")),
                "daas-app:b1",
                "sha256:" + "9".repeat(64),
                "127.0.0.1:5000/daas/app",
                manifest,
                List.of(new io.daas.builder.reproducible.DockerfilePins.BaseImage(
                        "127.0.0.1:5000/mirror/busybox:1.36",
                        "127.0.0.1:5000/mirror/busybox@sha256:" + "b".repeat(64),
                        "sha256:" + "c".repeat(64),
                        List.of(),
                        null)),
                1_700_000_000L,
                "7".repeat(64),
                null,
                Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-29T10:01:00Z"),
                "https://example.test/builder",
                "1.0",
                "8".repeat(64));
    }
}
