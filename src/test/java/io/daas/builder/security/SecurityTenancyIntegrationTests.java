package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

class SecurityTenancyIntegrationTests extends ServiceIntegrationTest {

    static final String ALICE = "alice-token-0123456789";
    static final String BOB = "bob-token-0123456789ab";
    static final String CAROL = "carol-token-0123456789";
    static final String ADMIN = "ops-token-0123456789abc";
    static final String WALLET_1 = "0x" + "1a".repeat(32);
    static final String WALLET_2 = "0x" + "2b".repeat(32);

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("builder.security.tokens-file", () -> tokensFile().toString());
        registry.add("builder.security.build-rate-limit", () -> "3");
        registry.add("builder.reuse-identical-builds", () -> "false");
    }

    static Path tokensFile() {
        try {
            Path file = Files.createTempFile("daas-tokens-", ".txt");
            Files.writeString(
                    file,
                    "# token tenant [role]\n" + ALICE + " tenant-a\n" + BOB + " tenant-b user\n" + CAROL + " tenant-c\n"
                            + ADMIN + " ops admin\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Api alice;
    private Api bob;
    private Api carol;
    private Api admin;
    private final List<String> images = new ArrayList<>();

    @BeforeEach
    void clients() {
        alice = api.withToken(ALICE);
        bob = api.withToken(BOB);
        carol = api.withToken(CAROL);
        admin = api.withToken(ADMIN);
    }

    @AfterEach
    void removeImages() {
        images.forEach(TestEngine::removeImage);
    }

    @Test
    void missingOrWrongTokenIs401AndHealthStaysOpen() {
        for (Api client : List.of(api, api.withToken("wrong-token-0123456789"), api.withToken(ALICE + "x"))) {
            for (Response r : List.of(
                    client.get("/api/docker/builds"),
                    client.get("/api/docker/build/" + UUID.randomUUID()),
                    client.delete("/api/docker/build/" + UUID.randomUUID()),
                    client.postJson("/api/docker/build", "{\"bundleId\":\"" + "a".repeat(64) + "\"}"),
                    client.postBytes("/api/docker/bundles", "application/gzip", Bundles.dockerfile("FROM x")),
                    client.get("/api/docker/no-such-endpoint"),
                    client.get("/v3/api-docs"))) {
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.json().path("success").asBoolean(true)).isFalse();
                assertThat(r.text("message")).contains("Authorization: Bearer");
                assertThat(r.raw().headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
        }
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/api/docker/health").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsBuildIsNotFoundAndOnlyItsOwnerOrAnAdminCanCancelIt() {
        String bundle = alice.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN sleep 20\n"));
        String id = start(alice, bundle, WALLET_1);
        images.add("daas-app:" + id);
        Response absent = bob.get("/api/docker/build/" + UUID.randomUUID());

        Response seenByBob = bob.get("/api/docker/build/" + id);
        Response cancelledByBob = bob.delete("/api/docker/build/" + id);

        assertThat(seenByBob.status()).isEqualTo(404);
        assertThat(seenByBob.body()).isEqualTo(absent.body());
        assertThat(cancelledByBob.status()).isEqualTo(404);
        assertThat(cancelledByBob.body()).isEqualTo(absent.body());
        assertThat(ids(bob.get("/api/docker/builds"))).doesNotContain(id);
        assertThat(bob.get("/api/docker/build/" + id + "/dockerfile").status()).isEqualTo(404);
        assertThat(bob.postJson("/api/docker/plan", "{\"bundleId\":\"" + bundle + "\"}")
                        .status())
                .isEqualTo(404);
        assertThat(ids(bob.get("/api/docker/builds?walletAddress=" + WALLET_1))).isEmpty();
        assertThat(alice.get("/api/docker/build/" + id)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isIn("pending", "building");

        assertThat(ids(alice.get("/api/docker/builds?walletAddress=" + WALLET_1)))
                .containsExactly(id);
        assertThat(ids(alice.get("/api/docker/builds?walletAddress=" + WALLET_2)))
                .isEmpty();
        JsonNode seenByAdmin = admin.get("/api/docker/build/" + id).json().path("data");
        assertThat(seenByAdmin.path("tenant").asString()).isEqualTo("tenant-a");
        assertThat(seenByAdmin.path("walletAddress").asString()).isEqualTo(WALLET_1);
        assertThat(ids(admin.get("/api/docker/builds"))).contains(id);

        Response cancelledByAdmin = admin.delete("/api/docker/build/" + id);
        assertThat(cancelledByAdmin.status()).isEqualTo(200);
        assertThat(alice.awaitEnd(id, Duration.ofSeconds(30)).path("status").asString())
                .isEqualTo("cancelled");
    }

    @Test
    void bundlesOfAnotherTenantAreNotFoundUntilItUploadsTheSameBytesAndItsBuildsCannotBePushedByOthers()
            throws Exception {
        byte[] archive = Bundles.dockerfile(
                "FROM " + TestEngine.BUSYBOX + "\nRUN echo tenancy-" + UUID.randomUUID() + " > /x\n");
        String bundle = alice.upload(archive);
        String unknown = "0".repeat(64);

        Response refused = bob.postJson("/api/docker/build", "{\"bundleId\":\"" + bundle + "\"}");
        Response absent = bob.postJson("/api/docker/build", "{\"bundleId\":\"" + unknown + "\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).isEqualTo(absent.body().replace(unknown, bundle));

        assertThat(bob.upload(archive)).isEqualTo(bundle);
        String id = start(bob, bundle, null);
        images.add("daas-app:" + id);
        JsonNode done = bob.awaitEnd(id, Duration.ofSeconds(120));
        assertThat(done.path("status").asString()).isEqualTo("success");
        assertThat(done.path("walletAddress").asString()).isEqualTo("tenant-b");
        assertThat(TestEngine.inspect("daas-app:" + id).getConfig().getLabels())
                .containsEntry("daas.wallet", "tenant-b")
                .containsEntry("daas.build.id", id);

        String push = "{\"buildId\":\"%s\",\"registry\":{\"url\":\"127.0.0.1:1\"}}";
        Response pushedByAlice = alice.postJson("/api/docker/push", push.formatted(id));
        Response pushedUnknown = alice.postJson("/api/docker/push", push.formatted(UUID.randomUUID()));
        assertThat(pushedByAlice.status()).isEqualTo(404);
        assertThat(pushedByAlice.body()).isEqualTo(pushedUnknown.body());
    }

    @Test
    void aTenantOverItsRateLimitGets429WithRetryAfter() {
        String bundle = carol.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nCMD [\"true\"]\n"));
        for (int i = 0; i < 3; i++) {
            images.add("daas-app:" + start(carol, bundle, WALLET_2));
        }

        Response limited = carol.postJson("/api/docker/build", "{\"bundleId\":\"" + bundle + "\"}");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("message")).contains("BUILD_RATE_LIMIT");
        assertThat(limited.raw().headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        String byAdmin = start(admin, bundle, null);
        images.add("daas-app:" + byAdmin);
        for (String id : ids(carol.get("/api/docker/builds"))) {
            carol.awaitEnd(id, Duration.ofSeconds(120));
        }
        admin.awaitEnd(byAdmin, Duration.ofSeconds(120));
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndCorsIsOff() {
        for (Response r : List.of(
                api.get("/health"),
                api.get("/api/docker/builds"),
                alice.get("/api/docker/builds"),
                alice.get("/api/docker/build/nope"),
                api.request(
                        "OPTIONS",
                        "/api/docker/builds",
                        null,
                        "Origin",
                        "https://evil.example",
                        "Access-Control-Request-Method",
                        "GET"))) {
            var h = r.raw().headers();
            assertThat(h.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(h.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(h.firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
            assertThat(h.firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(h.firstValue("Cache-Control")).contains("no-store");
            assertThat(h.firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    private static String start(Api client, String bundle, String wallet) {
        Response r = client.postJson(
                "/api/docker/build",
                "{\"bundleId\":\"" + bundle + "\"" + (wallet == null ? "" : ",\"walletAddress\":\"" + wallet + "\"")
                        + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("buildId");
    }

    private static List<String> ids(Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(b -> ids.add(b.path("buildId").asString()));
        return ids;
    }
}
