package io.daas.builder.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.daas.builder.errors.ErrorKind;
import io.daas.builder.errors.Unavailable;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Forwarding a push to the replica that holds the image, against a stand-in replica on loopback (the
 * real one: {@link ReplicaIntegrationTests}).
 */
class PushForwardingTests {

    private static final String BODY = "{\"buildId\":\"b-1\",\"registry\":{\"url\":\"127.0.0.1:5000\","
            + "\"username\":\"u\",\"password\":\"pw-" + UUID.randomUUID() + "\"}}";

    private JdbcClient jdbc;
    private ReplicaDirectory self;
    private ReplicaDirectory owner;
    private final java.util.List<ReplicaDirectory> directories = new java.util.ArrayList<>();
    private HttpServer server;
    private final Map<String, String> heard = new ConcurrentHashMap<>();
    private PushForwarding forwarding;

    @BeforeEach
    void twoReplicas() throws Exception {
        DriverManagerDataSource source = new DriverManagerDataSource(
                "jdbc:h2:mem:forwarding-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        org.flywaydb.core.Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(source);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/docker/push", exchange -> {
            heard.put("method", exchange.getRequestMethod());
            heard.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getRequestHeaders().forEach((name, values) -> heard.put(name.toLowerCase(), values.get(0)));
            byte[] answer = "{\"success\":false,\"error\":\"Image Missing\",\"message\":\"gone\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(409, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/api/docker/build/b-1/reproduce", exchange -> {
            heard.put("method", exchange.getRequestMethod());
            heard.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getRequestHeaders().forEach((name, values) -> heard.put(name.toLowerCase(), values.get(0)));
            byte[] answer = "{\"success\":true,\"data\":{\"match\":false}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 202 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        self = directory("replica-1", "http://127.0.0.1:1");
        owner = directory("replica-2", "http://127.0.0.1:" + server.getAddress().getPort() + "/");
        forwarding = new PushForwarding(self, Duration.ofSeconds(20), Duration.ofSeconds(600), image -> false);
    }

    @AfterEach
    void stop() {
        forwarding.destroy();
        directories.forEach(ReplicaDirectory::destroy);
        server.stop(0);
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void aPushOfABuildOfAnotherReplicaGoesThereWithTheCallersTokenAndComesBackUnchanged() {
        Relayed answer = forwarding
                .push(
                        "b-1",
                        "replica-2",
                        null,
                        "Bearer t0ken-of-the-caller",
                        () -> BODY.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        assertThat(heard)
                .containsEntry("method", "POST")
                .containsEntry("body", BODY)
                .containsEntry("authorization", "Bearer t0ken-of-the-caller")
                .containsEntry("content-type", "application/json")
                .containsEntry("x-daas-forwarded-by", "replica-1");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.retryAfter()).isEqualTo("7");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"message\":\"gone\"");
    }

    @Test
    void aBuildOfThisReplicaOrOfNoneOrAnAlreadyForwardedPushIsAnsweredHere() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(forwarding.push("b-1", "replica-1", null, null, () -> body)).isEmpty();
        assertThat(forwarding.push("b-1", null, null, null, () -> body)).isEmpty();
        assertThat(forwarding.push("b-1", "replica-2", "replica-3", null, () -> body))
                .isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void aReplicaThatIsNotRunningAnswers503NamingIt() {
        jdbc.sql("UPDATE replicas SET last_seen = :t WHERE name = 'replica-2'")
                .param("t", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)))
                .update();

        assertThatThrownBy(() -> forwarding.push("b-1", "replica-2", null, null, () -> new byte[0]))
                .isInstanceOfSatisfying(
                        Unavailable.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessage("The image of build b-1 is on replica replica-2's engine and replica-2 is not running:"
                        + " build it again (POST /api/docker/build) and push the new build");
        assertThatThrownBy(() -> forwarding.push("b-1", "replica-9", null, null, () -> new byte[0]))
                .isInstanceOf(Unavailable.class)
                .hasMessageContaining("replica replica-9's engine and replica-9 is not running");
        assertThat(heard).isEmpty();
    }

    @Test
    void aBuildOfAReplicaThatIsNotRunningIsPushedHereWhenThisEngineHasItsImage() {
        jdbc.sql("UPDATE replicas SET last_seen = :t WHERE name = 'replica-2'")
                .param("t", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)))
                .update();
        PushForwarding sameEngine = new PushForwarding(
                self, Duration.ofSeconds(20), Duration.ofSeconds(600), image -> image.equals("daas-app:b-1"));

        // one service whose REPLICA_NAME (its host name) changed, on the engine that built the image
        assertThat(sameEngine.push("b-1", "replica-2", null, null, () -> new byte[0]))
                .isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void aReplicaThatCannotBeReachedAnswers503NamingItAndItsAddress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        directory("replica-3", "http://127.0.0.1:" + closed);

        assertThatThrownBy(() ->
                        forwarding.push("b-1", "replica-3", null, null, () -> BODY.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Unavailable.class)
                .hasMessageStartingWith("The image of build b-1 is on replica replica-3's engine, and replica-3 could"
                        + " not be reached at http://127.0.0.1:" + closed)
                .hasMessageNotContaining("pw-");
    }

    @Test
    void aReproductionOfABuildOfAnotherReplicaIsStartedAndComparedThere() {
        Relayed started = forwarding
                .reproduction("b-1", "replica-2", "POST", null, "Bearer t0ken-of-the-caller")
                .orElseThrow();

        assertThat(heard)
                .containsEntry("method", "POST")
                .containsEntry("body", "")
                .containsEntry("authorization", "Bearer t0ken-of-the-caller")
                .containsEntry("x-daas-forwarded-by", "replica-1");
        assertThat(started.status()).isEqualTo(202);
        heard.clear();

        Relayed compared =
                forwarding.reproduction("b-1", "replica-2", "GET", null, null).orElseThrow();
        assertThat(heard).containsEntry("method", "GET").doesNotContainKey("authorization");
        assertThat(new String(compared.body(), StandardCharsets.UTF_8)).contains("\"match\":false");
    }

    @Test
    void aReproductionWhoseReplicaIsNotRunningOrRefusesIsAnsweredHere() throws Exception {
        jdbc.sql("UPDATE replicas SET last_seen = :t WHERE name = 'replica-2'")
                .param("t", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)))
                .update();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        directory("replica-3", "http://127.0.0.1:" + closed);

        assertThat(forwarding.reproduction("b-1", "replica-2", "GET", null, null))
                .isEmpty();
        assertThat(forwarding.reproduction("b-1", "replica-3", "POST", null, null))
                .isEmpty();
        assertThat(forwarding.reproduction("b-1", "replica-1", "GET", null, null))
                .isEmpty();
        assertThat(heard).isEmpty();
    }

    private ReplicaDirectory directory(String name, String url) {
        ReplicaDirectory d = new ReplicaDirectory(jdbc, name, port -> url, new MockEnvironment());
        directories.add(d);
        d.join(url);
        return d;
    }
}
