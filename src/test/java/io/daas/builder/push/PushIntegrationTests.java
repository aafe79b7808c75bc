package io.daas.builder.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes through the API to real registries on loopback: one open, one with basic auth (also the
 * default registry, REGISTRY_*), one read-only, and an address where nothing listens. The last test
 * looks for every password used in the database file, the service log and all API responses.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = "logging.file.name=target/push-it-service.log")
class PushIntegrationTests extends ServiceIntegrationTest {

    private static final String USER = "daas-pusher";
    private static final String PASSWORD = "Reg-pass-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "Wrong-pass-" + UUID.randomUUID();
    private static final String ARG_SECRET = "arg-token-" + UUID.randomUUID();
    private static final String LABEL_SECRET = "label-secret-" + UUID.randomUUID();
    private static final String UNQUOTED_PASSWORD =
            "Unquoted" + UUID.randomUUID().toString().replace("-", "");
    private static final List<String> SECRETS =
            List.of(PASSWORD, WRONG_PASSWORD, ARG_SECRET, LABEL_SECRET, UNQUOTED_PASSWORD);
    private static final Duration BUILD_TIME = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Path SERVICE_LOG = Path.of("target/push-it-service.log");
    private static final TestRegistry OPEN = TestRegistry.open();
    private static final TestRegistry AUTH = TestRegistry.withBasicAuth(USER, PASSWORD);

    static {
        try {
            Files.deleteIfExists(SERVICE_LOG); // the service (started after this) writes it afresh
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final List<String> responses = Collections.synchronizedList(new ArrayList<>());
    private final StringBuilder output = new StringBuilder();
    private final List<String> images = new ArrayList<>();

    @Autowired
    private DataSource dataSource;

    @DynamicPropertySource
    static void pushSettings(DynamicPropertyRegistry registry) {
        registry.add("builder.registry.url", AUTH::address);
        registry.add("builder.registry.username", () -> USER);
        registry.add("builder.registry.password", () -> PASSWORD);
        registry.add("builder.registry.push-timeout", () -> "120");
    }

    @BeforeEach
    void recordResponses() {
        api.onResponse(r -> responses.add(r.status() + " " + r.body()));
    }

    @AfterEach
    void keepOutputAndRemoveImages(CapturedOutput captured) {
        output.append(captured.getAll());
        images.forEach(TestEngine::removeImage);
        images.clear();
    }

    @AfterAll
    void stopRegistries() {
        OPEN.close();
        AUTH.close();
    }

    @Test
    @Order(1)
    void imagePushedToTheOpenRegistryIsPulledBackByItsDigestAndRuns() throws Exception {
        String buildId = build("pushed-to-open");

        Response r = push(Map.of("buildId", buildId, "registry", Map.of("url", OPEN.address())));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.text("registryTag")).isEqualTo(OPEN.address() + "/daas/daas-app:" + buildId);
        assertThat(r.text("digest")).matches("sha256:[0-9a-f]{64}");
        assertThat(r.text("message")).isEqualTo("Image pushed successfully");
        assertThat(OPEN.catalog()).contains("daas/daas-app");
        assertPullsBackAndRuns(OPEN, OPEN.address() + "/daas/daas-app@" + r.text("digest"), "pushed-to-open");
    }

    @Test
    @Order(2)
    void imagePushedWithCredentialsToTheAuthRegistryUnderItsOwnNameIsPulledBackAndRuns() throws Exception {
        String buildId = build("pushed-with-auth");

        Response r = push(Map.of(
                "buildId",
                buildId,
                "registry",
                Map.of("url", AUTH.address(), "username", USER, "password", PASSWORD, "namespace", "team"),
                "repository",
                "my-app",
                "tag",
                "v1"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("registryTag")).isEqualTo(AUTH.address() + "/team/my-app:v1");
        assertThat(AUTH.catalog()).contains("team/my-app");
        assertPullsBackAndRuns(AUTH, AUTH.address() + "/team/my-app@" + r.text("digest"), "pushed-with-auth");
    }

    @Test
    @Order(3)
    void aPushNamingNoRegistryGoesToTheDefaultRegistryWithItsCredentials() {
        String buildId = build("pushed-to-default");

        Response r = push(Map.of("buildId", buildId));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("registryTag")).isEqualTo(AUTH.address() + "/daas/daas-app:" + buildId);
    }

    @Test
    @Order(4)
    void aWrongPasswordIsRefusedWithItsOwnErrorAndNothingIsPushed() {
        String buildId = build("wrong-password");

        Response r = push(Map.of(
                "buildId",
                buildId,
                "registry",
                Map.of("url", AUTH.address(), "username", USER, "password", WRONG_PASSWORD, "namespace", "wrongpw")));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.text("error")).isEqualTo("Registry Credentials Refused");
        assertThat(r.text("message"))
                .contains(AUTH.address(), "user '" + USER + "'", "check registry.username and registry.password");
        assertThat(AUTH.catalog()).doesNotContain("wrongpw");
    }

    @Test
    @Order(5)
    void aRegistryThatIsDownGivesItsOwnError() {
        String buildId = build("registry-down");
        String down = TestRegistry.downAddress();

        Response r = push(Map.of("buildId", buildId, "registry", Map.of("url", down)));

        assertThat(r.status()).as(r.body()).isEqualTo(502);
        assertThat(r.text("error")).isEqualTo("Registry Unreachable");
        assertThat(r.text("message")).contains(down, "not reachable", "connection refused", "check registry.url");
    }

    @Test
    @Order(6)
    void aRegistryThatRefusesWritesRejectsThePushWithItsOwnError() {
        String buildId = build("read-only");
        try (TestRegistry readOnly = TestRegistry.readOnly()) {
            Response r = push(Map.of("buildId", buildId, "registry", Map.of("url", readOnly.address())));

            assertThat(r.status()).as(r.body()).isEqualTo(502);
            assertThat(r.text("error")).isEqualTo("Push Rejected");
            assertThat(r.text("message")).contains("rejected the push of " + readOnly.address() + "/daas/daas-app");
        }
    }

    @Test
    @Order(7)
    void badPushRequestsNameWhatIsWrong() {
        String failed = buildExpecting("FROM " + TestEngine.BUSYBOX + "\nRUN exit 7\n", Map.of(), "failed");

        assertError(postPush("{}"), 400, "buildId is required");
        assertError(postPush(""), 400, "buildId is required");
        assertError(
                postPush("{\"buildId\":\"" + failed + "\",\"registry\":{\"password\":" + UNQUOTED_PASSWORD + "}}"),
                400,
                "Request body is not valid JSON");
        assertError(
                push(Map.of("buildId", failed, "registry", Map.of("url", OPEN.address(), "username", USER))),
                400,
                "registry.password is required");
        assertError(push(Map.of("buildId", failed, "registry", Map.of("url", "not a host"))), 400, "registry.url");
        assertError(push(Map.of("buildId", "no-such-build", "registry", Map.of("url", OPEN.address()))), 404, "");
        assertError(
                push(Map.of("buildId", failed, "registry", Map.of("url", OPEN.address()))),
                400,
                "Build is not successful");
    }

    @Test
    @Order(8)
    void secretLookingBuildArgsAndLabelsAreRefusedWithoutEchoingTheirValues() {
        Map<String, Object> withArg = buildBody("FROM " + TestEngine.BUSYBOX + "\nARG API_TOKEN\n", Map.of());
        withArg.put("buildOptions", Map.of("buildArgs", Map.of("API_TOKEN", ARG_SECRET, "GREETING", "hello")));
        Map<String, Object> withLabel = buildBody("FROM " + TestEngine.BUSYBOX + "\n", Map.of());
        withLabel.put("buildOptions", Map.of("labels", Map.of("vault.secret", LABEL_SECRET)));

        Response arg = api.postJson("/api/docker/build", json(withArg));
        Response label = api.postJson("/api/docker/build", json(withLabel));

        assertError(arg, 400, "buildOptions.buildArgs key 'API_TOKEN' looks like a secret");
        assertThat(arg.text("message")).contains("image's history and config", "when it runs", "before bundling");
        assertError(label, 400, "buildOptions.labels key 'vault.secret' looks like a secret");
        assertThat(arg.body() + label.body()).doesNotContain(ARG_SECRET).doesNotContain(LABEL_SECRET);
    }

    @Test
    @Order(8)
    void aBuildWithARegistryPushesAtTheEndAndMasksTheRegistryPassword() throws Exception {
        Map<String, Object> body = buildBody(
                "FROM " + TestEngine.BUSYBOX + "\nARG GREETING\n"
                        + "RUN echo \"greeting is $GREETING\"\n"
                        + "CMD [\"echo\", \"auto-pushed\"]\n",
                Map.of("url", AUTH.address(), "username", USER, "password", PASSWORD));
        body.put("buildOptions", Map.of("buildArgs", Map.of("GREETING", "hello-visible")));

        JsonNode data = startAndAwait(body);

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        JsonNode pushed = data.path("push");
        assertThat(pushed.path("status").asString()).isEqualTo("pushed");
        assertThat(pushed.path("registryTag").asString())
                .isEqualTo(AUTH.address() + "/daas/daas-app:"
                        + data.path("buildId").asString());
        assertThat(pushed.path("digest").asString()).matches("sha256:[0-9a-f]{64}");
        assertThat(pushed.path("error").isNull()).isTrue();
        assertThat(data.path("logs").toString()).contains("greeting is hello-visible");
        assertPullsBackAndRuns(
                AUTH, AUTH.address() + "/daas/daas-app@" + pushed.path("digest").asString(), "auto-pushed");
    }

    @Test
    @Order(9)
    void aBuildWithAnEmptyRegistryPushesToTheDefaultOne() {
        JsonNode data = startAndAwait(buildBody("FROM " + TestEngine.BUSYBOX + "\nENV D=1\n", Map.of()));

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        assertThat(data.path("push").path("status").asString()).isEqualTo("pushed");
        assertThat(data.path("push").path("registryTag").asString()).startsWith(AUTH.address() + "/daas/daas-app:");
    }

    @Test
    @Order(10)
    void anAutoPushWithAWrongPasswordFailsTheBuildAndAPushWithTheRightOneThenSucceeds() {
        JsonNode data = startAndAwait(buildBody(
                "FROM " + TestEngine.BUSYBOX + "\nENV W=1\n",
                Map.of("url", AUTH.address(), "username", USER, "password", WRONG_PASSWORD)));
        String buildId = data.path("buildId").asString();

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).startsWith("Push failed: ").contains("refused the credentials");
        assertThat(data.path("currentStep").asString()).isEqualTo("Push failed");
        assertThat(data.path("imageId").asString()).startsWith("sha256:");
        assertThat(data.path("push").path("status").asString()).isEqualTo("failed");
        assertThat(data.path("push").path("error").asString())
                .contains("check registry.username and registry.password");

        Response again = push(Map.of(
                "buildId", buildId, "registry", Map.of("url", AUTH.address(), "username", USER, "password", PASSWORD)));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        JsonNode after = api.get("/api/docker/build/" + buildId).json().path("data");
        assertThat(after.path("status").asString()).isEqualTo("success");
        assertThat(after.path("error").isNull()).isTrue();
        assertThat(after.path("push").path("status").asString()).isEqualTo("pushed");
        assertThat(after.path("push").path("digest").asString()).isEqualTo(again.text("digest"));
    }

    @Test
    @Order(11)
    void anAutoPushToARegistryThatIsDownFailsTheBuildSayingSo() {
        String down = TestRegistry.downAddress();
        JsonNode data = startAndAwait(buildBody("FROM " + TestEngine.BUSYBOX + "\nENV X=1\n", Map.of("url", down)));

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("Push failed: ", down, "not reachable");
        assertThat(data.path("push").path("status").asString()).isEqualTo("failed");
        assertThat(api.get("/api/docker/builds").json().path("data").toString())
                .contains("\"push\":{\"status\":\"failed\"");
    }

    @Test
    @Order(12)
    void aBuildRequestWithABadRegistryIsRefusedBeforeItStarts() {
        Map<String, Object> body = buildBody("FROM " + TestEngine.BUSYBOX + "\n", Map.of("url", "bad host!"));

        assertError(api.postJson("/api/docker/build", json(body)), 400, "registry.url");
    }

    @Test
    @Order(100)
    void afterAllPushTestsNoPasswordOrSecretIsInTheDatabaseTheServiceLogOrAnyResponse() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CHECKPOINT SYNC");
        Path databaseFile = Path.of(jdbc.queryForObject("CALL DATABASE_PATH()", String.class) + ".mv.db");
        String database = Files.readString(databaseFile, StandardCharsets.ISO_8859_1);
        String log = Files.readString(SERVICE_LOG) + output;
        String answers = String.join("\n", responses);

        // The checks can see: what the tests wrote is there in plain text.
        assertThat(database).contains(USER, "hello-visible");
        assertThat(log).contains("pushing sha256:", "password=***", USER);
        assertThat(answers).contains("Registry Credentials Refused", "looks like a secret");

        for (String secret : SECRETS) {
            assertThat(database).as("database").doesNotContain(secret);
            assertThat(log).as("service log").doesNotContain(secret);
            assertThat(answers).as("API responses").doesNotContain(secret);
        }
        try (Stream<Path> files = Stream.concat(
                Files.walk(properties.dataDir()),
                Files.exists(properties.buildDir()) ? Files.walk(properties.buildDir()) : Stream.empty())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(SECRETS).as(f.toString()).noneMatch(content::contains);
            }
        }
    }

    private String build(String says) {
        JsonNode data = startAndAwait(buildBody(
                "FROM " + TestEngine.BUSYBOX + "\nCMD [\"echo\", \"" + says + "\"]\nLABEL says=" + says + "\n", null));
        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        return data.path("buildId").asString();
    }

    private String buildExpecting(String dockerfile, Map<String, Object> registry, String status) {
        JsonNode data = startAndAwait(buildBody(dockerfile, registry.isEmpty() ? null : registry));
        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo(status);
        return data.path("buildId").asString();
    }

    private Map<String, Object> buildBody(String dockerfile, Map<String, ?> registry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bundleId", api.upload(Bundles.dockerfile(dockerfile)));
        if (registry != null) {
            body.put("registry", registry);
        }
        return body;
    }

    private JsonNode startAndAwait(Map<String, Object> body) {
        Response started = api.postJson("/api/docker/build", json(body));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.text("buildId");
        images.add("daas-app:" + id);
        return api.awaitEnd(id, BUILD_TIME);
    }

    private Response push(Map<String, ?> body) {
        return postPush(json(body));
    }

    private Response postPush(String body) {
        return api.postJson("/api/docker/push", body);
    }

    private void assertPullsBackAndRuns(TestRegistry registry, String byDigest, String says) throws Exception {
        images.forEach(TestEngine::removeImage);
        images.add(byDigest);
        registry.pull(byDigest);
        assertThat(TestEngine.run(byDigest)).contains(says);
    }

    private static void assertError(Response r, int status, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("success").asBoolean()).isFalse();
        assertThat(r.text("message")).contains(messagePart);
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
