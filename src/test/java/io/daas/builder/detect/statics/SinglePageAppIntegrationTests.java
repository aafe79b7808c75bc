package io.daas.builder.detect.statics;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.AppProbe;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Apps that route on the client, built with no Dockerfile on the stand-ins and run: a deep link
 * that is no file answers the app's index.html with status 200 (served by Caddy), files answer as
 * they are, and paths outside the served folder stay unknown.
 */
@TestPropertySource(properties = {"builder.build-network=host", "builder.build-cpu-limit=0"})
class SinglePageAppIntegrationTests extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        TestEngine.mirrorStandIns(registry);
    }

    @ParameterizedTest(name = "{0} answers a deep link with its index.html")
    @CsvSource({
        "e2e-spa-vite, spa shell, /package.json",
        "static-staticfile-root, <h1>site</h1>, /Staticfile",
    })
    void aDeepLinkAnswersTheAppsIndexHtmlWithStatus200(String fixture, String index, String outside) throws Exception {
        String id = api.startBuild(api.upload(Bundles.fixture(fixture)), null);
        try {
            JsonNode data = api.awaitEnd(id, Duration.ofMinutes(6));
            assertThat(data.path("status").asString())
                    .as(data.path("error").asString() + "\n" + data.path("logs"))
                    .isEqualTo("success");
            assertThat(api.get("/api/docker/build/" + id + "/dockerfile")
                            .json()
                            .path("data")
                            .path("dockerfile")
                            .asString())
                    .contains("/mirror/caddy:2\n");
            int port = AppProbe.freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            try {
                HttpResponse<String> root = AppProbe.await(port, "/");
                assertThat(root.statusCode()).isEqualTo(200);
                assertThat(root.body()).contains(index);
                HttpResponse<String> deep = AppProbe.get(port, "/nonexistent/client/route?tab=2");
                assertThat(deep.statusCode()).isEqualTo(200);
                assertThat(deep.body()).isEqualTo(root.body());
                assertThat(AppProbe.get(port, "/index.html").body()).isEqualTo(root.body());
                assertThat(AppProbe.get(port, outside).body())
                        .as("only the built folder is served")
                        .isEqualTo(root.body());
            } finally {
                TestEngine.removeContainer(container);
            }
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }
}
