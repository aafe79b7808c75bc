package io.daas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Shapes that could not be classified before issue 14, built through the service on the real
 * engine from the stand-in base images, run and asked for their page.
 */
@TestPropertySource(properties = {"builder.build-network=host", "builder.build-cpu-limit=0"})
class NewShapesIntegrationTests extends ServiceIntegrationTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        String mirror = System.getenv().getOrDefault("BASE_IMAGE_MIRROR", "127.0.0.1:5000/mirror");
        registry.add("builder.base-image-mirror", () -> mirror);
    }

    @Test
    void aLoneMainGoWithoutGoModIsBuiltAndServes() throws Exception {
        String id = api.startBuild(api.upload(Bundles.fixture("go-main-only")), null);
        try {
            succeeded(id);
            int port = freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            try {
                assertThat(await(port, "/").body()).contains("hello from main.go");
            } finally {
                TestEngine.removeContainer(container);
            }
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    @Test
    void aStaticfileRootWithPushstateServesItsIndexForEveryPath() throws Exception {
        String id = api.startBuild(api.upload(Bundles.fixture("static-staticfile-root")), null);
        try {
            succeeded(id);
            int port = freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            try {
                HttpResponse<String> root = await(port, "/");
                assertThat(root.statusCode()).isEqualTo(200);
                assertThat(root.body()).contains("<h1>site</h1>");
                assertThat(get(port, "/nonexistent").body()).contains("<h1>site</h1>");
                assertThat(get(port, "/Staticfile").statusCode())
                        .as("only site/ is served")
                        .isEqualTo(404);
            } finally {
                TestEngine.removeContainer(container);
            }
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    private void succeeded(String id) {
        JsonNode data = api.awaitEnd(id, Duration.ofMinutes(5));
        assertThat(data.path("status").asString())
                .as(data.path("error").asString() + "\n" + data.path("logs"))
                .isEqualTo("success");
    }

    private static HttpResponse<String> await(int port, String path) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return get(port, path);
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("nothing answered on port " + port, last);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
