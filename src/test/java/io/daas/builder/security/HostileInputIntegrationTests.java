package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile requests against every endpoint: each must get a 4xx JSON answer with a message, never a
 * 5xx, and the service must still build afterwards. SSRF targets must be refused by validation:
 * a canary socket on loopback (not allowed here) must never see a connection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIntegrationTests extends ServiceIntegrationTest {

    static final String TOKEN = "hostile-token-0123456789";
    static final String B = "$BUNDLE";
    private static final ServerSocket CANARY = canary();
    private static final AtomicInteger CANARY_HITS = new AtomicInteger();
    private static String bundleId;

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("builder.security.tokens-file", () -> {
            try {
                Path file = Files.createTempFile("daas-tokens-", ".txt");
                Files.writeString(file, TOKEN + " hostile\n");
                return file.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        registry.add("builder.security.outbound-allow-loopback", () -> "false");
        registry.add("builder.security.build-rate-limit", () -> "0");
    }

    /** One hostile request: what it is, and how to send it. */
    record Case(String name, String method, String path, String contentType, byte[] body, boolean withToken) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("cases")
    @Order(1)
    void hostileRequestGetsA4xxJsonAnswer(Case c) {
        Api client = c.withToken() ? api.withToken(TOKEN) : api;
        byte[] body = c.body() == null
                ? null
                : new String(c.body(), StandardCharsets.ISO_8859_1)
                        .replace(B, bundle())
                        .getBytes(StandardCharsets.ISO_8859_1);
        Response r = c.contentType() == null
                ? client.request(c.method(), c.path(), body)
                : client.request(c.method(), c.path(), body, "Content-Type", c.contentType());

        assertThat(r.status()).as(c.name() + ": " + r.body()).isBetween(400, 499);
        assertThat(r.json()).as(c.name() + " answers JSON: " + r.body()).isNotNull();
        assertThat(r.json().path("success").asBoolean(true)).as(c.name()).isFalse();
        assertThat(r.text("message")).as(c.name()).isNotBlank();
    }

    @Test
    @Order(2)
    void afterwardsNothingReachedTheCanaryNoBuildWasAcceptedAndARealBuildSucceeds() {
        Api client = api.withToken(TOKEN);
        assertThat(CANARY_HITS.get()).as("connections to the loopback canary").isZero();
        assertThat(client.get("/api/docker/builds").json().path("count").asInt())
                .as("builds accepted from hostile requests")
                .isZero();
        assertThat(api.get("/health").status()).isEqualTo(200);

        String id = client.startBuild(bundle(), "{\"buildArgs\":{\"GREETING\":\"still serving\"}}");
        try {
            assertThat(client.awaitEnd(id, Duration.ofSeconds(120))
                            .path("status")
                            .asString())
                    .isEqualTo("success");
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    @AfterAll
    static void closeCanary() throws IOException {
        CANARY.close();
    }

    private synchronized String bundle() {
        if (bundleId == null) {
            bundleId = api.withToken(TOKEN)
                    .upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX
                            + "\nARG GREETING=hello\nRUN echo \"$GREETING\" > /greeting\n"));
        }
        return bundleId;
    }

    static Stream<Case> cases() {
        return HostileCases.all(CANARY.getLocalPort()).stream();
    }

    private static ServerSocket canary() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        socket.accept().close();
                        CANARY_HITS.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helpers to write the case list compactly. */
    static List<Case> list() {
        return new ArrayList<>();
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
