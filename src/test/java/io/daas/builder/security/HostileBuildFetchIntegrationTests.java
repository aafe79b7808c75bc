package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TestRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile Dockerfiles and requests of issue 12 items 1 to 4, on the real engine, with a loopback
 * HTTP server standing in for an internal service: what the engine would fetch for a build (ADD
 * URLs, other tenants' images, the registry's API) is refused before any step runs, secrets never
 * reach an image, and one tenant cannot push over another's tag in the default registry.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileBuildFetchIntegrationTests extends ServiceIntegrationTest {

    static final String ALICE = "fetch-alice-token-0123456789";
    static final String BOB = "fetch-bob-token-0123456789";
    static final String ADMIN = "fetch-admin-token-0123456789";
    static final String DEFAULT_REGISTRY = "127.0.0.1:5000";
    static final String ROOT =
            "hostile" + HexFormat.of().toHexDigits(UUID.randomUUID().getLeastSignificantBits());
    static final String INTERNAL_SECRET = "internal-secret-" + UUID.randomUUID();
    static final String ARG_SECRET = "npm-secret-" + UUID.randomUUID();
    static final String REGISTRY_USER = "fetch-pusher";
    static final String REGISTRY_PASSWORD = "Fetch-pass-" + UUID.randomUUID();
    static final Duration BUILD_TIME = Duration.ofSeconds(120);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final AtomicInteger INTERNAL_HITS = new AtomicInteger();
    private static final HttpServer INTERNAL = internalService();
    private static final TestRegistry AUTH = TestRegistry.withBasicAuth(REGISTRY_USER, REGISTRY_PASSWORD);

    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());
    private final StringBuilder output = new StringBuilder();
    private final List<String> images = new ArrayList<>();
    private Api alice;
    private Api bob;
    private Api admin;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("builder.security.tokens-file", HostileBuildFetchIntegrationTests::tokensFile);
        registry.add("builder.security.build-rate-limit", () -> "0");
        registry.add("builder.reuse-identical-builds", () -> "false");
        registry.add("builder.registry.url", () -> DEFAULT_REGISTRY);
        registry.add("builder.registry.namespace", () -> ROOT);
        registry.add(
                "builder.base-image-mirror",
                () -> System.getenv().getOrDefault("BASE_IMAGE_MIRROR", DEFAULT_REGISTRY + "/mirror"));
    }

    static String tokensFile() {
        try {
            Path file = Files.createTempFile("daas-fetch-tokens-", ".txt");
            Files.writeString(file, ALICE + " tenant-a\n" + BOB + " tenant-b\n" + ADMIN + " ops admin\n");
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback-only service with a secret, a redirect to it, and a counter of every request. */
    static HttpServer internalService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/secret", ex -> {
                INTERNAL_HITS.incrementAndGet();
                byte[] body = INTERNAL_SECRET.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.createContext("/redirect", ex -> {
                INTERNAL_HITS.incrementAndGet();
                ex.getResponseHeaders()
                        .add(
                                "Location",
                                "http://127.0.0.1:" + server.getAddress().getPort() + "/secret");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void clients() {
        alice = api.withToken(ALICE).onResponse(r -> answers.add(r.status() + " " + r.body()));
        bob = api.withToken(BOB).onResponse(r -> answers.add(r.status() + " " + r.body()));
        admin = api.withToken(ADMIN).onResponse(r -> answers.add(r.status() + " " + r.body()));
    }

    @AfterEach
    void keepOutputAndRemoveImages(CapturedOutput captured) {
        output.append(captured.getAll());
        images.forEach(TestEngine::removeImage);
        images.clear();
    }

    @AfterAll
    void stopServers() {
        INTERNAL.stop(0);
        AUTH.close();
    }

    @Test
    @Order(1)
    void addOfInternalUrlsIsRefusedNamingTheLineBeforeAnyStepRuns() {
        int port = INTERNAL.getAddress().getPort();
        List<String> urls = List.of(
                "http://127.0.0.1:" + port + "/secret",
                "http://127.0.0.1:" + port + "/redirect",
                "http://" + DEFAULT_REGISTRY + "/v2/_catalog",
                "http://127.0.0.1:" + this.port + "/api/docker/builds?includeLogs=true",
                "http://169.254.169.254/latest/meta-data/");
        for (String url : urls) {
            JsonNode data = build(alice, "FROM " + TestEngine.BUSYBOX + "\n# fetch\nADD " + url + " /s\nRUN cat /s\n");

            assertThat(data.path("status").asString()).as(url).isEqualTo("failed");
            assertThat(data.path("error").asString())
                    .as(url)
                    .contains("line 3:", "[rule: ADD URL]", "ALLOW_ADD_URL", "put the file in the bundle");
            assertThat(data.path("logs").toString()).as(url).doesNotContain("Step 1/");
        }
        JsonNode escaped = build(
                alice,
                "# escape=`\nFROM " + TestEngine.BUSYBOX + "\nADD [\"http://127.0.0.1:" + port
                        + "/se`\ncret\", \"/s\"]\n");
        assertThat(escaped.path("error").asString()).contains("line 3:", "[rule: ADD URL]");
        JsonNode viaArg = build(
                alice, "FROM " + TestEngine.BUSYBOX + "\nARG SRC=http://127.0.0.1:" + port + "/secret\nADD $SRC /s\n");
        assertThat(viaArg.path("error").asString()).contains("line 3:", "[rule: ADD URL]");
        assertThat(INTERNAL_HITS.get())
                .as("requests that reached the internal service")
                .isZero();
    }

    @Test
    @Order(2)
    void anotherTenantsImageIsRefusedLocallyAndInTheDefaultRegistryButOwnImagesAreFine() {
        String secretFile = "a-private-" + UUID.randomUUID();
        JsonNode a = build(alice, "FROM " + TestEngine.BUSYBOX + "\nRUN echo " + secretFile + " > /private\n");
        assertThat(a.path("status").asString()).as(a.toString()).isEqualTo("success");
        String aId = a.path("buildId").asString();
        Response pushed = alice.postJson("/api/docker/push", "{\"buildId\":\"" + aId + "\",\"tag\":\"v1\"}");
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        String aRepository = ROOT + "/tenant-a/daas-app";
        assertThat(pushed.text("registryTag")).isEqualTo(DEFAULT_REGISTRY + "/" + aRepository + ":v1");

        for (String from : List.of(
                "FROM daas-app:" + aId,
                "FROM docker.io/library/daas-app:" + aId,
                "FROM " + TestEngine.BUSYBOX + "\nCOPY --from=daas-app:" + aId + " /private /p",
                "FROM " + TestEngine.BUSYBOX + "\nONBUILD COPY --from=daas-app:" + aId + " /private /p",
                "FROM " + a.path("imageId").asString().substring("sha256:".length(), 19))) {
            JsonNode refused = build(bob, from + "\nRUN cat /private /p || true\n");
            assertThat(refused.path("status").asString()).as(from).isEqualTo("failed");
            assertThat(refused.path("error").asString())
                    .as(from)
                    .containsPattern("\\[rule: (another tenant's image|image id)]");
            assertThat(refused.path("logs").toString()).as(from).doesNotContain("Step 1/", secretFile);
        }
        JsonNode fromRegistry = build(bob, "FROM " + DEFAULT_REGISTRY + "/" + aRepository + ":v1\n");
        assertThat(fromRegistry.path("error").asString()).contains("line 1:", "[rule: tenant namespace]");
        JsonNode otherRegistry =
                build(bob, "FROM 127.0.0.1:" + INTERNAL.getAddress().getPort() + "/x/y:1\n");
        assertThat(otherRegistry.path("error").asString()).contains("[rule: base image registry]");

        JsonNode own = build(alice, "FROM daas-app:" + aId + "\nRUN cat /private\n");
        assertThat(own.path("status").asString()).as(own.toString()).isEqualTo("success");
        JsonNode ownPushed = build(alice, "FROM " + DEFAULT_REGISTRY + "/" + aRepository + ":v1\nRUN cat /private\n");
        assertThat(ownPushed.path("status").asString()).as(ownPushed.toString()).isEqualTo("success");
        images.add(DEFAULT_REGISTRY + "/" + aRepository + ":v1");
    }

    @Test
    @Order(3)
    void aCrossTenantPushIsForbiddenAndLeavesTheOtherTenantsTagUnchanged() throws Exception {
        String aId = successful(alice, "FROM " + TestEngine.BUSYBOX + "\nRUN echo tenant-a > /who\n");
        Response pushed = alice.postJson("/api/docker/push", "{\"buildId\":\"" + aId + "\",\"tag\":\"release\"}");
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        String aManifest = ROOT + "/tenant-a/daas-app/manifests/release";
        String before = digest(aManifest);
        assertThat(before).isEqualTo(pushed.text("digest"));
        String bId = successful(bob, "FROM " + TestEngine.BUSYBOX + "\nRUN echo tenant-b > /who\n");

        for (String registry : List.of(
                "{\"namespace\":\"" + ROOT + "/tenant-a\"}",
                "{\"url\":\"" + DEFAULT_REGISTRY + "\",\"namespace\":\"" + ROOT + "/tenant-a\"}",
                "{\"url\":\"localhost:5000\",\"namespace\":\"" + ROOT + "/tenant-a\"}",
                "{\"namespace\":\"tenant-a\"}",
                "{\"namespace\":\"mirror\",\"repository\":\"node\"}")) {
            Response r = bob.postJson(
                    "/api/docker/push",
                    "{\"buildId\":\"" + bId + "\",\"registry\":" + registry
                            + ",\"repository\":\"daas-app\",\"tag\":\"release\"}");
            assertThat(r.status()).as(registry + ": " + r.body()).isEqualTo(403);
            assertThat(r.text("message")).as(registry).contains(ROOT + "/tenant-b");
        }
        Response atBuild = bob.postJson(
                "/api/docker/build",
                "{\"bundleId\":\"" + bob.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n"))
                        + "\",\"registry\":{\"namespace\":\"" + ROOT + "/tenant-a\"}}");
        assertThat(atBuild.status()).as(atBuild.body()).isEqualTo(403);
        Response own = bob.postJson("/api/docker/push", "{\"buildId\":\"" + bId + "\",\"tag\":\"release\"}");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.text("registryTag")).isEqualTo(DEFAULT_REGISTRY + "/" + ROOT + "/tenant-b/daas-app:release");
        Response byAdmin = admin.postJson(
                "/api/docker/push",
                "{\"buildId\":\"" + bId + "\",\"registry\":{\"namespace\":\"" + ROOT + "/admin-area\"},\"tag\":\"x\"}");
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);

        assertThat(digest(aManifest)).as("tenant A's tag after B's attempts").isEqualTo(before);
    }

    @Test
    @Order(4)
    void secretBuildArgsAreRefusedAndNoSecretReachesThePushedImage() throws Exception {
        String bundle = alice.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nARG NPM_TOKEN\nARG GREETING\n"
                + "RUN echo \"$GREETING\" > /greeting\nLABEL stage=test\n"));
        Response refused = alice.postJson(
                "/api/docker/build",
                "{\"bundleId\":\"" + bundle + "\",\"buildOptions\":{\"buildArgs\":{\"NPM_TOKEN\":\"" + ARG_SECRET
                        + "\"}}}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("message"))
                .contains("'NPM_TOKEN' looks like a secret", "when it runs", "before bundling")
                .doesNotContain(ARG_SECRET);

        String id =
                alice.startBuild(bundle, "{\"buildArgs\":{\"GREETING\":\"hello\"},\"labels\":{\"version\":\"1.0.0\"}}");
        images.add("daas-app:" + id);
        assertThat(alice.awaitEnd(id, BUILD_TIME).path("status").asString()).isEqualTo("success");
        Response pushed = alice.postJson(
                "/api/docker/push",
                "{\"buildId\":\"" + id + "\",\"registry\":{\"url\":\"" + AUTH.address() + "\",\"username\":\""
                        + REGISTRY_USER + "\",\"password\":\"" + REGISTRY_PASSWORD + "\",\"namespace\":\"scan\"},"
                        + "\"tag\":\"v1\"}");
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);

        List<byte[]> parts = imageParts(AUTH.address(), "scan/daas-app", "v1");
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3); // manifest, config, at least one layer
        assertThat(new String(parts.get(1), StandardCharsets.UTF_8)).contains("hello", "1.0.0");
        for (byte[] part : parts) {
            String text = new String(part, StandardCharsets.ISO_8859_1);
            for (String secret : List.of(REGISTRY_PASSWORD, ARG_SECRET, INTERNAL_SECRET)) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    @Test
    @Order(5)
    void aFromLineHiddenInAContinuedRunCannotUnhideAnAddWhenAReproducibleBuildPinsItsBases() {
        String hidden = "FROM " + TestEngine.BUSYBOX + "\nRUN echo \\\nFROM scratch \\\nADD http://127.0.0.1:"
                + INTERNAL.getAddress().getPort() + "/secret /s\nRUN cat /s || echo no-file\n";
        String id = alice.startBuild(alice.upload(Bundles.dockerfile(hidden)), "{\"reproducible\":true}");
        images.add("daas-app:" + id);
        JsonNode data = alice.awaitEnd(id, BUILD_TIME);

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        assertThat(data.path("logs").toString()).contains("no-file").doesNotContain(INTERNAL_SECRET);
        assertThat(INTERNAL_HITS.get())
                .as("requests that reached the internal service")
                .isZero();
    }

    @Test
    @Order(6)
    void aLineBreakInAProjectFileNameCannotAddAnInstructionToTheGeneratedDockerfile() {
        String add = "ADD http://127.0.0.1:" + INTERNAL.getAddress().getPort() + "/secret /s";
        String bundle = alice.upload(Bundles.targz(java.util.Map.of(
                "Cargo.toml",
                "[package]\nname = \"app\\n" + add + "\"\nversion = \"0.1.0\"\n",
                "src/main.rs",
                "fn main() {}\n")));

        Response plan = alice.postJson("/api/docker/plan", "{\"bundleId\":\"" + bundle + "\"}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(400);
        assertThat(plan.text("message")).contains("line break", "one line");
        String id = alice.startBuild(bundle, null);
        JsonNode data = alice.awaitEnd(id, BUILD_TIME);
        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("line break");
        assertThat(data.path("logs").toString()).doesNotContain("Step 1/");
    }

    @Test
    @Order(7)
    void aReproductionStartedByAnotherCallerLeavesTheOwnersReadOfItsBuildWorkingAndBobSeesNothing() {
        String id = alice.startBuild(
                alice.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN echo repro > /r\n")),
                "{\"reproducible\":true}");
        images.add("daas-app:" + id);
        assertThat(alice.awaitEnd(id, BUILD_TIME).path("status").asString()).isEqualTo("success");
        Response own = alice.postJson("/api/docker/build/" + id + "/reproduce", "");
        assertThat(own.status()).as(own.body()).isEqualTo(202);
        Response byBob = bob.postJson("/api/docker/build/" + id + "/reproduce", "");
        assertThat(byBob.status()).as(byBob.body()).isEqualTo(404);
        Response byAdmin = admin.postJson("/api/docker/build/" + id + "/reproduce", "");
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(202);
        images.add("daas-app:" + byAdmin.json().path("data").path("rebuildId").asString());
        images.add("daas-app:" + own.json().path("data").path("rebuildId").asString());

        Response read = alice.get("/api/docker/build/" + id + "/reproduce");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("data").path("rebuildId").asString())
                .isEqualTo(own.json().path("data").path("rebuildId").asString());
        assertThat(bob.get("/api/docker/build/" + id + "/reproduce").status()).isEqualTo(404);
    }

    @Test
    @Order(100)
    void afterwardsTheServiceIsHealthyANormalBuildSucceedsAndNoSecretWasSeenAnywhere() {
        assertThat(api.get("/health").status()).isEqualTo(200);
        String id = successful(bob, "FROM " + TestEngine.BUSYBOX + "\nRUN echo still serving\n");
        assertThat(id).isNotBlank();
        assertThat(INTERNAL_HITS.get()).isZero();

        String everything = String.join("\n", answers) + output;
        assertThat(everything).contains("looks like a secret", "[rule: ADD URL]");
        for (String secret : List.of(INTERNAL_SECRET, ARG_SECRET, REGISTRY_PASSWORD)) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    private JsonNode build(Api client, String dockerfile) {
        String id = client.startBuild(client.upload(Bundles.dockerfile(dockerfile)), null);
        images.add("daas-app:" + id);
        return client.awaitEnd(id, BUILD_TIME);
    }

    private String successful(Api client, String dockerfile) {
        JsonNode data = build(client, dockerfile);
        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        return data.path("buildId").asString();
    }

    /** The digest of a manifest of the default registry, as its HTTP API reports it. */
    private static String digest(String manifestPath) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://" + DEFAULT_REGISTRY + "/v2/" + manifestPath))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).as(manifestPath).isEqualTo(200);
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /** Manifest, config and every layer (unzipped) of an image, read from a registry with basic auth. */
    private static List<byte[]> imageParts(String registry, String repository, String tag) throws Exception {
        List<byte[]> parts = new ArrayList<>();
        byte[] manifest = fetch(registry, "/v2/" + repository + "/manifests/" + tag);
        parts.add(manifest);
        JsonNode m = JSON.readTree(manifest);
        parts.add(fetch(
                registry,
                "/v2/" + repository + "/blobs/"
                        + m.path("config").path("digest").asString()));
        for (JsonNode layer : m.path("layers")) {
            byte[] blob = fetch(
                    registry,
                    "/v2/" + repository + "/blobs/" + layer.path("digest").asString());
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
                parts.add(in.readAllBytes());
            }
        }
        return parts;
    }

    private static byte[] fetch(String registry, String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://" + registry + path))
                                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString((REGISTRY_USER + ":" + REGISTRY_PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
