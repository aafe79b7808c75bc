package io.daas.builder.support;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real distribution registry (Debian's docker-registry) on a free loopback port, with its own
 * temporary storage; optionally with htpasswd basic auth. The engine treats 127.0.0.0/8 registries
 * as insecure-allowed, so no TLS is needed.
 */
public final class TestRegistry implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;
    private final String username;
    private final String password;

    private TestRegistry(Process process, Path dir, int port, String username, String password) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** A registry anyone may push to. */
    public static TestRegistry open() {
        return start(null, null, false);
    }

    /** A registry that wants this user and password (htpasswd, bcrypt). */
    public static TestRegistry withBasicAuth(String username, String password) {
        return start(username, password, false);
    }

    /** A registry that answers but takes no writes (maintenance read-only mode). */
    public static TestRegistry readOnly() {
        return start(null, null, true);
    }

    /** A loopback address where nothing listens: a registry that is down. */
    public static String downAddress() {
        return "127.0.0.1:" + freePort();
    }

    private static TestRegistry start(String username, String password, boolean readOnly) {
        try {
            Path dir = Files.createTempDirectory("daas-registry-");
            int port = freePort();
            StringBuilder config = new StringBuilder()
                    .append("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ")
                    .append(dir.resolve("storage"))
                    .append("\n  delete:\n    enabled: true\n");
            if (readOnly) {
                config.append("  maintenance:\n    readonly:\n      enabled: true\n");
            }
            config.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
            if (username != null) {
                Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", username, password)
                        .redirectErrorStream(false)
                        .start();
                String line = new String(htpasswd.getInputStream().readAllBytes()).strip();
                if (htpasswd.waitFor() != 0 || line.isEmpty()) {
                    throw new IllegalStateException("htpasswd failed: install apache2-utils");
                }
                Files.writeString(dir.resolve("htpasswd"), line + "\n");
                config.append("auth:\n  htpasswd:\n    realm: daas-test\n    path: ")
                        .append(dir.resolve("htpasswd"))
                        .append('\n');
            }
            Path yml = Files.writeString(dir.resolve("config.yml"), config);
            Process p = new ProcessBuilder("docker-registry", "serve", yml.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile())
                    .start();
            TestRegistry registry = new TestRegistry(p, dir, port, username, password);
            registry.awaitUp();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start docker-registry: install docker-registry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** host:port, as a push request names it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Answers of GET /v2/_catalog (with the credentials when it has any). */
    public String catalog() {
        return get("/v2/_catalog").body();
    }

    /** Pulls an image reference (like address/ns/repo@sha256:...) from this registry into the engine. */
    public void pull(String reference) throws InterruptedException {
        var cmd = TestEngine.client().pullImageCmd(reference);
        if (username != null) {
            cmd.withAuthConfig(new AuthConfig()
                    .withRegistryAddress(address())
                    .withUsername(username)
                    .withPassword(password));
        }
        cmd.exec(new PullImageResultCallback()).awaitCompletion(120, TimeUnit.SECONDS);
    }

    /** Stops the registry; its address is then down. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(dir);
    }

    private void awaitUp() throws IOException {
        try {
            Poll.every(Duration.ofMillis(100), Duration.ofSeconds(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
                }
                try {
                    int status = get("/v2/").statusCode();
                    return status == 200 || status == 401;
                } catch (UncheckedIOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("docker-registry did not answer on " + address());
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address() + path))
                    .timeout(Duration.ofSeconds(5));
            if (username != null) {
                request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes()));
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
