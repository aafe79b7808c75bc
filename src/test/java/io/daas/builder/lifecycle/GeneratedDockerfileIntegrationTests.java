package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.AppProbe;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The six seed kinds, with no Dockerfile: the service detects them, writes a Dockerfile, builds it
 * from the stand-in base images of scripts/base-images.sh, and the image serves its page.
 */
@TestPropertySource(properties = {"builder.build-network=host", "builder.build-cpu-limit=0"})
class GeneratedDockerfileIntegrationTests extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        TestEngine.mirrorStandIns(registry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "python", "go", "rust", "java-maven", "static"})
    void aBundleWithoutDockerfileIsDetectedBuiltAndServes(String kind) throws Exception {
        String id = api.startBuild(api.upload(Bundles.fixture("e2e-" + kind)), null);
        try {
            JsonNode data = api.awaitEnd(id, Duration.ofMinutes(6));
            assertThat(data.path("status").asString())
                    .as(data.path("error").asString() + "\n" + data.path("logs"))
                    .isEqualTo("success");

            JsonNode used =
                    api.get("/api/docker/build/" + id + "/dockerfile").json().path("data");
            assertThat(used.path("source").asString()).isEqualTo("generated");
            assertThat(used.path("dockerfile").asString()).contains("FROM ");
            assertThat(used.path("plan").path("language").asString()).isNotBlank();

            int port = AppProbe.freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            try {
                assertThat(AppProbe.awaitBody(port, Duration.ofSeconds(60))).contains("hello from " + kind);
            } finally {
                TestEngine.removeContainer(container);
            }
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }

    @Test
    void planAnswersWithoutBuilding() {
        String bundle = api.upload(Bundles.fixture("e2e-node"));
        Response r = api.postJson("/api/docker/plan", "{\"bundleId\":\"" + bundle + "\"}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode plan = r.json().path("data");
        assertThat(plan.path("language").asString()).isEqualTo("node");
        assertThat(plan.path("packageManager").asString()).isEqualTo("npm");
        assertThat(plan.path("version").path("source").asString()).isNotBlank();
        assertThat(plan.path("startCommand").asString()).isNotBlank();
        assertThat(plan.path("port").asInt()).isPositive();
        assertThat(plan.path("baseImages").toString()).contains("127.0.0.1:5000/mirror");
        assertThat(plan.path("dockerfile").asString()).contains("EXPOSE");
        assertThat(api.get("/api/docker/builds").json().path("data").toString()).doesNotContain(bundle);
    }

    @Test
    void aDockerfileInTheBundleWinsOverDetection() throws Exception {
        String bundle = api.upload(Bundles.targz(Map.of(
                "package.json",
                "{\"name\":\"x\",\"scripts\":{\"start\":\"node index.js\"}}",
                "Dockerfile",
                "FROM " + TestEngine.BUSYBOX + "\nCMD [\"echo\", \"own dockerfile\"]\n")));
        String id = api.startBuild(bundle, null);
        assertThat(api.awaitEnd(id, Duration.ofSeconds(60)).path("status").asString())
                .isEqualTo("success");

        JsonNode used =
                api.get("/api/docker/build/" + id + "/dockerfile").json().path("data");
        assertThat(used.path("source").asString()).isEqualTo("bundle");
        assertThat(TestEngine.run("daas-app:" + id)).contains("own dockerfile");
        TestEngine.removeImage("daas-app:" + id);
    }

    @Test
    void anUnrecognisedBundleFailsSayingHowToAddADockerfile() {
        String id = api.startBuild(api.upload(Bundles.targz(Map.of("notes.txt", "nothing to build"))), null);
        JsonNode data = api.awaitEnd(id, Duration.ofSeconds(60));

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("Add a Dockerfile");
        assertThat(api.postJson("/api/docker/plan", "{}").status()).isEqualTo(400);
    }
}
