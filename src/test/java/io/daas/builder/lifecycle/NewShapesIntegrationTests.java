package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.AppProbe;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        TestEngine.mirrorStandIns(registry);
    }

    @Test
    void aLoneMainGoWithoutGoModIsBuiltAndServes() throws Exception {
        String id = api.startBuild(api.upload(Bundles.fixture("go-main-only")), null);
        try {
            succeeded(id);
            int port = AppProbe.freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            try {
                assertThat(AppProbe.await(port, "/").body()).contains("hello from main.go");
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
            int port = AppProbe.freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            try {
                HttpResponse<String> root = AppProbe.await(port, "/");
                assertThat(root.statusCode()).isEqualTo(200);
                assertThat(root.body()).contains("<h1>site</h1>");
                assertThat(AppProbe.get(port, "/nonexistent").body()).contains("<h1>site</h1>");
                assertThat(AppProbe.get(port, "/Staticfile").body())
                        .as("only site/ is served: a path outside it gets the SPA fallback")
                        .contains("<h1>site</h1>")
                        .doesNotContain("pushstate");
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
}
