package io.daas.builder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.daas.builder.support.Api;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.Poll;
import io.daas.builder.support.Scripts;
import io.daas.builder.support.TestEngine;
import io.daas.builder.support.TlsEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The service's own image (Dockerfile, built by scripts/image.sh) in a container on the host
 * network with no engine socket, building on an engine that speaks only mutual TLS.
 */
class ServiceImageIntegrationTests {

    private static final int SERVICE_UID = 10001;
    private static final String TOKEN = "image-test-token-0123456789abcdef0123456789";

    private static Path work;
    private static String image;
    private static TlsEngine engine;
    private static String container;
    private static Api api;
    private static int servicePort;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("daas-image-it-");
        image = "daas-docker-builder:it-" + UUID.randomUUID().toString().substring(0, 8);
        Scripts.run(Map.of(), Duration.ofMinutes(15), "bash", "scripts/image.sh", image);
        engine = TlsEngine.start(work.resolve("engine"), "busybox:latest");
        // secrets as compose.yaml and deploy/kubernetes give them: files, read through Spring's configtree
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        Files.writeString(secrets.resolve("api-tokens"), TOKEN + " image-test admin\n");
        Files.writeString(secrets.resolve("WEBHOOK_SECRET"), "from-a-secret-file\n");
        // readable by the service's user (the folder on the host stays inside the private work dir)
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String file : List.of("api-tokens", "WEBHOOK_SECRET")) {
            Files.setPosixFilePermissions(secrets.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        int port = freePort();
        servicePort = port;
        container = TestEngine.client()
                .createContainerCmd(image)
                .withEnv(
                        "PORT=" + port,
                        // tests keep the service on loopback
                        "BIND_ADDRESS=127.0.0.1",
                        "DOCKER_HOST=" + engine.dockerHost(),
                        "DOCKER_TLS_VERIFY=1",
                        "DOCKER_CERT_PATH=/certs/client",
                        // as compose.yaml and the ConfigMap: no cgroup per build on a remote engine
                        "BUILD_PIDS_LIMIT=0",
                        "API_TOKENS_FILE=/run/secrets/daas/api-tokens",
                        "SPRING_CONFIG_IMPORT=optional:configtree:/run/secrets/daas/")
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode("host")
                        .withReadonlyRootfs(true)
                        .withTmpFs(Map.of("/tmp", "rw", "/data", "rw,uid=10001,gid=10001"))
                        .withBinds(
                                new Bind(engine.clientCerts().toString(), new Volume("/certs/client"), AccessMode.ro),
                                new Bind(secrets.toString(), new Volume("/run/secrets/daas"), AccessMode.ro)))
                .exec()
                .getId();
        TestEngine.client().startContainerCmd(container).exec();
        api = new Api(port).withToken(TOKEN);
        awaitHealthy(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (container != null) {
                TestEngine.removeContainer(container);
            }
            if (engine != null) {
                engine.close();
            }
        } finally {
            if (image != null) {
                TestEngine.removeImage(image);
            }
            FileSystemUtils.deleteRecursively(work);
        }
    }

    @Test
    void aBundleBuildsToSuccessThroughTheImageOnTheTlsEngine() {
        assertThat(api.get("/health").json().path("engine").asString()).isEqualTo(engine.dockerHost());
        String bundle = api.upload(Bundles.dockerfile("FROM busybox\nRUN echo built-over-tls > /proof\n"));
        String buildId = api.startBuild(bundle, null);

        JsonNode build = api.awaitEnd(buildId, Duration.ofMinutes(2));

        assertThat(build.path("status").asString()).as(build.toString()).isEqualTo("success");
        DockerClient tls = engine.client();
        assertThat(tls.inspectImageCmd("daas-app:" + buildId).exec().getId()).startsWith("sha256:");
        assertThat(TestEngine.hasImage("daas-app:" + buildId))
                .as("built on the TLS engine, not the local one")
                .isFalse();
    }

    @Test
    void theServiceRunsAsANonRootUserWithNoEngineSocketMounted() throws Exception {
        InspectContainerResponse inspect =
                TestEngine.client().inspectContainerCmd(container).exec();

        assertThat(exec("id", "-u").strip()).isEqualTo(String.valueOf(SERVICE_UID));
        assertThat(inspect.getConfig().getUser()).isEqualTo(SERVICE_UID + ":" + SERVICE_UID);
        // the only mounts (besides the tmpfs /tmp and /data): certificates and secrets, read-only
        assertThat(inspect.getMounts())
                .allSatisfy(m -> assertThat(m.getRW()).isFalse())
                .extracting(m -> m.getDestination().getPath())
                .containsExactlyInAnyOrder("/certs/client", "/run/secrets/daas");
        assertThat(inspect.getHostConfig().getTmpFs()).containsOnlyKeys("/tmp", "/data");
        assertThat(inspect.getHostConfig().getReadonlyRootfs()).isTrue();
        assertThat(inspect.getHostConfig().getPrivileged()).isFalse();
        awaitContainerHealth("healthy", Duration.ofSeconds(90));
    }

    @Test
    void tokensAndSecretsComeFromMountedFiles() throws Exception {
        Api anonymous = new Api(servicePort);
        assertThat(anonymous.get("/api/docker/builds").status()).isEqualTo(401);
        // the probes answer without a token, as Kubernetes and the HEALTHCHECK call them
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/api/docker/builds").status()).isEqualTo(200);
        // WEBHOOK_SECRET came from its file: the service does not warn that it is unset
        assertThat(logs()).contains("Started DaasBuilderApplication").doesNotContain("WEBHOOK_SECRET is not set");
    }

    @Test
    void theImageCarriesItsLabelsPortAndHealthCheckAndNoBuildTools() throws Exception {
        InspectImageResponse inspect = TestEngine.inspect(image);
        Map<String, String> labels = inspect.getConfig().getLabels();

        assertThat(labels)
                .containsKeys(
                        "org.opencontainers.image.version",
                        "org.opencontainers.image.revision",
                        "org.opencontainers.image.source");
        assertThat(labels.get("org.opencontainers.image.version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(labels.get("org.opencontainers.image.revision")).matches("[0-9a-f]{40}(-dirty)?");
        assertThat(inspect.getConfig().getExposedPorts()).contains(ExposedPort.tcp(3001));
        assertThat(inspect.getConfig().getHealthcheck().getTest()).contains("CMD");
        assertThat(exec("sh", "-c", "command -v mvn javac gradle || echo none").strip())
                .isEqualTo("none");
    }

    @Test
    void theEngineRefusesClientsWithoutACertificateFromItsAuthority() throws Exception {
        // another authority's client certificate, while trusting the engine's: the engine refuses it
        Path other = work.resolve("other");
        Scripts.run(Map.of(), Duration.ofMinutes(1), "bash", "scripts/tls-certs.sh", other.toString());
        Path impostor = Files.createDirectories(work.resolve("impostor"));
        Files.copy(engine.clientCerts().resolve("ca.pem"), impostor.resolve("ca.pem"));
        Files.copy(other.resolve("client/cert.pem"), impostor.resolve("cert.pem"));
        Files.copy(other.resolve("client/key.pem"), impostor.resolve("key.pem"));
        // no client certificate at all
        HttpClient anonymous = HttpClient.newBuilder()
                .sslContext(trusting(engine.clientCerts().resolve("ca.pem")))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + engine.port() + "/_ping"))
                .timeout(Duration.ofSeconds(10))
                .build();

        assertThatThrownBy(() -> engine.client(impostor).pingCmd().exec()).isNotNull();
        assertThatThrownBy(() -> anonymous.send(ping, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        engine.client().pingCmd().exec();
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** What a command prints inside the running service container. */
    private static String exec(String... command) throws InterruptedException {
        DockerClient docker = TestEngine.client();
        String id = docker.execCreateCmd(container)
                .withCmd(command)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId();
        StringBuilder out = new StringBuilder();
        docker.execStartCmd(id)
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload()));
                    }
                })
                .awaitCompletion(30, TimeUnit.SECONDS);
        return out.toString();
    }

    private static void awaitHealthy(Duration timeout) throws InterruptedException {
        try {
            Poll.every(Duration.ofMillis(500), timeout).until(() -> {
                if (!Boolean.TRUE.equals(TestEngine.client()
                        .inspectContainerCmd(container)
                        .exec()
                        .getState()
                        .getRunning())) {
                    throw new IllegalStateException("the service container exited: " + logs());
                }
                try {
                    return api.get("/health").status() == 200;
                } catch (RuntimeException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the service container did not become healthy: " + logs());
        }
    }

    private static void awaitContainerHealth(String status, Duration timeout) {
        AtomicReference<String> now = new AtomicReference<>("");
        try {
            Poll.every(Duration.ofSeconds(1), timeout).until(() -> {
                now.set(TestEngine.client()
                        .inspectContainerCmd(container)
                        .exec()
                        .getState()
                        .getHealth()
                        .getStatus());
                return status.equals(now.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("container health stayed " + now.get() + ", expected " + status);
        }
    }

    private static String logs() throws InterruptedException {
        StringBuilder out = new StringBuilder();
        TestEngine.client()
                .logContainerCmd(container)
                .withStdOut(true)
                .withStdErr(true)
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload()));
                    }
                })
                .awaitCompletion(10, TimeUnit.SECONDS);
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
