package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.AppProbe;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One app per stand-in language of scripts/base-images.sh, with no Dockerfile: the service builds it
 * on the stand-in its generated Dockerfile names, and the app answers with the runtime it really
 * runs on (the six seed kinds are in {@link GeneratedDockerfileIntegrationTests}).
 */
@TestPropertySource(properties = {"builder.build-network=host", "builder.build-cpu-limit=0"})
class StandinLanguagesIntegrationTests extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        TestEngine.mirrorStandIns(registry);
    }

    @ParameterizedTest(name = "{0} runs on {2}")
    @CsvSource({
        "e2e-node20, node:20-slim, hello from node20 v20.",
        "e2e-node22-pnpm, node:22-slim, hello from node22-pnpm v22.",
        "e2e-node24-yarn-berry, node:24-slim, hello from node24-yarn-berry v24.",
        "e2e-bun, oven/bun:1, hello from bun 1.",
        "e2e-deno, denoland/deno:2.4.0, hello from deno 2.4.0",
        "e2e-ruby, ruby:3.3-slim, hello from ruby 3.",
        "e2e-php, php:8.3-apache, hello from php 8.",
        "e2e-java21-maven, maven:3.9-eclipse-temurin-21, hello from java21-maven ",
    })
    void anAppIsBuiltOnItsStandinAndAnswersFromTheRuntimeItNames(String fixture, String image, String answer)
            throws Exception {
        String id = api.startBuild(api.upload(Bundles.fixture(fixture)), null);
        try {
            JsonNode data = api.awaitEnd(id, Duration.ofMinutes(6));
            assertThat(data.path("status").asString())
                    .as(data.path("error").asString() + "\n" + data.path("logs"))
                    .isEqualTo("success");
            JsonNode used =
                    api.get("/api/docker/build/" + id + "/dockerfile").json().path("data");
            assertThat(used.path("source").asString()).isEqualTo("generated");
            assertThat(used.path("dockerfile").asString()).contains("/mirror/" + image);

            int port = AppProbe.freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            String body;
            try {
                body = AppProbe.awaitBody(port, Duration.ofSeconds(60));
            } catch (AssertionError e) {
                String printed = TestEngine.removeContainer(container);
                container = null;
                throw new AssertionError(e.getMessage() + "; the app printed:\n" + printed, e);
            } finally {
                if (container != null) {
                    TestEngine.removeContainer(container);
                }
            }
            assertThat(body).startsWith(answer);
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }
}
