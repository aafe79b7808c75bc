package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

class ErrorResponsesIntegrationTests extends ServiceIntegrationTest {

    @Test
    void missingBundleIdIsAValidationError() {
        Response r = api.postJson("/api/docker/build", "{\"buildOptions\":{}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo("{\"success\":false,\"error\":\"Validation Error\",\"message\":\"bundleId is required\"}");
    }

    @Test
    void unknownBundleIsNotFoundAndNamed() {
        String id = "a".repeat(64);
        Response r = api.postJson("/api/docker/build", "{\"bundleId\":\"" + id + "\"}");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("success").asBoolean()).isFalse();
        assertThat(r.text("error")).isEqualTo("Not Found");
        assertThat(r.text("message")).contains(id);
    }

    @Test
    void unknownBuildIsNotFound() {
        Response r = api.get("/api/docker/build/no-such-build");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"success\":false,\"error\":\"Not Found\",\"message\":\"Build not found\"}");
        assertThat(api.delete("/api/docker/build/no-such-build").status()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsABadRequestInJson() {
        Response r = api.postJson("/api/docker/build", "{\"bundleId\": ");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("success").asBoolean()).isFalse();
        assertThat(r.text("message")).contains("not valid JSON");
    }

    @Test
    void wrongTypesAreBadRequests() {
        assertThat(api.postJson("/api/docker/build", "[1,2]").status()).isEqualTo(400);
        assertThat(api.postJson("/api/docker/build", "{\"bundleId\":{\"x\":1}}").status())
                .isEqualTo(400);
        assertThat(api.postJson(
                                "/api/docker/build",
                                "{\"bundleId\":\"" + "a".repeat(64) + "\",\"buildOptions\":{\"buildArgs\":[1]}}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void invalidOptionsNameTheField() {
        String id = "b".repeat(64);
        Response traversal = api.postJson(
                "/api/docker/build",
                "{\"bundleId\":\"" + id + "\",\"buildOptions\":{\"dockerfile\":\"../../etc/passwd\"}}");
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.text("message")).contains("buildOptions.dockerfile");

        Response platform = api.postJson(
                "/api/docker/build", "{\"bundleId\":\"" + id + "\",\"buildOptions\":{\"platform\":\"windows/z80\"}}");
        assertThat(platform.status()).isEqualTo(400);
        assertThat(platform.text("message")).contains("buildOptions.platform");

        Response badId = api.postJson("/api/docker/build", "{\"bundleId\":\"../../etc\"}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.text("message")).contains("bundleId");
    }

    @Test
    void unknownPathsAndMethodsAnswerJson() {
        Response missing = api.get("/api/docker/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("success").asBoolean()).isFalse();

        Response unknownTop = api.get("/nothing-here");
        assertThat(unknownTop.status()).isEqualTo(404);
        assertThat(unknownTop.json()).isNotNull();

        Response method = api.delete("/api/docker/builds");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().path("success").asBoolean()).isFalse();
    }

    @Test
    void aBundleThatIsNotAnArchiveIsRefusedAtUpload() {
        Response r = api.postBytes("/api/docker/bundles", "application/gzip", "not a tarball".getBytes());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("success").asBoolean()).isFalse();
        assertThat(r.text("message")).contains("tar");
    }

    @Test
    void healthAnswersHealthyWhenTheEngineAnswers() {
        for (String path : new String[] {"/health", "/api/docker/health"}) {
            Response r = api.get(path);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("success").asBoolean()).isTrue();
            assertThat(r.text("status")).isEqualTo("healthy");
        }
    }
}
