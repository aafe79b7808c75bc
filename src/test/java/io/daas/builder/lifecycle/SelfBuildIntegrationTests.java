package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Poll;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * This repository as a user would send it: its tracked files as a bundle, no Dockerfile. The
 * service detects a Maven Spring Boot project, builds it on the stand-in base images (Maven
 * downloads from Maven Central inside the build, through the host's CA), and the image runs this
 * service, which answers HTTP: {@code /health} 503 (no engine inside the image), {@code GET /} 200
 * with its name. Slow: about 2.5 minutes here, most of it Maven's downloads.
 */
@TestPropertySource(
        properties = {"builder.build-network=host", "builder.build-cpu-limit=0", "builder.build-timeout=300"})
class SelfBuildIntegrationTests extends ServiceIntegrationTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        TestEngine.mirrorStandIns(registry);
    }

    @Test
    void thisRepositoryBuildsWithoutADockerfileAndItsImageServesHttp() throws Exception {
        Instant start = Instant.now();
        String id = api.startBuild(api.upload(checkout()), null);
        try {
            JsonNode data = api.awaitEnd(id, Duration.ofMinutes(5));
            assertThat(data.path("status").asString())
                    .as(data.path("error").asString() + "\n" + data.path("logs"))
                    .isEqualTo("success");
            JsonNode used =
                    api.get("/api/docker/build/" + id + "/dockerfile").json().path("data");
            assertThat(used.path("source").asString()).isEqualTo("generated");
            assertThat(used.path("plan").path("framework").asString()).isEqualTo("spring-boot");
            System.out.println("self-build: built in "
                    + Duration.between(start, Instant.now()).toSeconds() + " s");

            int port = freePort();
            // the image runs as a non-root user: its data goes to /tmp; it has no engine, so /health says so
            String container = TestEngine.serve("daas-app:" + id, port, "DATA_DIR=/tmp/daas-data");
            try {
                HttpResponse<String> health = awaitAnswer(port, "/health");
                assertThat(health.statusCode()).as(health.body()).isIn(200, 503);
                assertThat(health.body()).contains("\"success\":").contains("\"status\":");
                HttpResponse<String> root = awaitAnswer(port, "/");
                assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
                assertThat(root.body())
                        .contains("\"service\":\"DAAS Docker Builder\"")
                        .contains("\"status\":\"running\"");
                System.out.println("self-build: /health answered " + health.statusCode() + ", / answered "
                        + root.statusCode() + " after "
                        + Duration.between(start, Instant.now()).toSeconds()
                        + " s in all");
            } finally {
                TestEngine.removeContainer(container);
            }
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    /** The checkout's files that git tracks (or would track), with their modes, as tar.gz; no Dockerfile. */
    private static byte[] checkout() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .redirectErrorStream(false)
                .start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git ls-files").isZero();
        List<String> names = new ArrayList<>();
        for (String name : listing.split("\0")) {
            if (!name.isEmpty() && !name.equals("Dockerfile") && Files.isRegularFile(Path.of(name))) {
                names.add(name);
            }
        }
        assertThat(names).contains("pom.xml", "src/main/java/io/daas/builder/lifecycle/BuildService.java");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String name : names) {
                Path file = Path.of(name);
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(file));
                boolean executable = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                        .contains(PosixFilePermission.OWNER_EXECUTE);
                entry.setMode(executable ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static HttpResponse<String> awaitAnswer(int port, String path) {
        AtomicReference<IOException> last = new AtomicReference<>();
        try {
            return Poll.every(Duration.ofMillis(500), Duration.ofSeconds(90))
                    .until(
                            () -> {
                                try {
                                    return HTTP.send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                    .timeout(Duration.ofSeconds(5))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                                } catch (IOException e) {
                                    last.set(e);
                                    return null;
                                }
                            },
                            Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the service in the image never answered on port " + port, last.get());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
