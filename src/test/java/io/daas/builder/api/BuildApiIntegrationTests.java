package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BuildApiIntegrationTests extends ServiceIntegrationTest {

    private static final Duration BUILD_TIME = Duration.ofSeconds(60);
    private final List<String> images = new ArrayList<>();

    @AfterEach
    void removeImages() {
        images.forEach(TestEngine::removeImage);
    }

    private JsonNode build(byte[] bundle, String options) {
        String id = api.startBuild(api.upload(bundle), options);
        images.add("daas-app:" + id);
        return api.awaitEnd(id, BUILD_TIME);
    }

    @Test
    void uploadedBundleIsBuiltOnTheEngineAndTheImagePrintsWhatItsDockerfileSays() throws Exception {
        JsonNode data = build(
                Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n"
                        + "RUN echo built > /built.txt\n"
                        + "CMD [\"sh\", \"-c\", \"echo hello from daas && cat /built.txt\"]\n"),
                null);

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        assertThat(data.path("progress").asInt()).isEqualTo(100);
        assertThat(data.path("imageId").asString()).startsWith("sha256:");
        assertThat(data.path("size").asLong()).isPositive();
        assertThat(data.path("imageTag").asString())
                .isEqualTo("daas-app:" + data.path("buildId").asString());
        assertThat(data.path("startTime").asString()).isNotBlank();
        assertThat(data.path("endTime").asString()).isNotBlank();
        assertThat(data.path("logs").toString()).contains("Step 1/4 : FROM " + TestEngine.BUSYBOX);

        String output = TestEngine.run(data.path("imageTag").asString());
        assertThat(output).contains("hello from daas").contains("built");
        assertThat(TestEngine.inspect(data.path("imageTag").asString())
                        .getConfig()
                        .getLabels())
                .containsEntry("daas.build.id", data.path("buildId").asString());
    }

    @Test
    void failingRunStepEndsFailedWithItsOutputInTheLogsAndTheEngineMessageInError() {
        JsonNode data = build(
                Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n"
                        + "RUN echo before-failure\n"
                        + "RUN echo this-step-breaks && exit 3\n"),
                null);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("progress").asInt()).isLessThan(100);
        assertThat(data.path("error").asString()).contains("returned a non-zero code: 3");
        assertThat(data.path("logs").toString()).contains("this-step-breaks");
        assertThat(data.path("currentStep").asString()).startsWith("Step 3/").contains("RUN echo this-step-breaks");
    }

    @Test
    void buildArgsAndLabelsReachTheImage() throws Exception {
        JsonNode data = build(
                Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n"
                        + "ARG GREETING=unset\n"
                        + "RUN echo \"$GREETING\" > /greeting\n"
                        + "CMD [\"cat\", \"/greeting\"]\n"),
                "{\"buildArgs\":{\"GREETING\":\"hello-arg\"},\"labels\":{\"version\":\"1.0.0\",\"team\":\"core\"}}");

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        String tag = data.path("imageTag").asString();
        assertThat(TestEngine.inspect(tag).getConfig().getLabels())
                .containsEntry("version", "1.0.0")
                .containsEntry("team", "core");
        assertThat(TestEngine.run(tag)).contains("hello-arg");
    }

    @Test
    void targetPicksAStageOfAMultiStageDockerfile() throws Exception {
        String dockerfile = "FROM " + TestEngine.BUSYBOX + " AS first\n"
                + "CMD [\"echo\", \"stage-first\"]\n"
                + "FROM " + TestEngine.BUSYBOX + " AS second\n"
                + "RUN exit 1\n";
        JsonNode data = build(Bundles.dockerfile(dockerfile), "{\"target\":\"first\"}");

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        assertThat(TestEngine.run(data.path("imageTag").asString())).contains("stage-first");
    }

    @Test
    void dockerfileOptionNamesADockerfileInsideTheBundle() throws Exception {
        byte[] bundle = Bundles.targz(Map.of(
                "docker/app.Dockerfile",
                "FROM " + TestEngine.BUSYBOX + "\nCOPY hello.txt /hello.txt\nCMD [\"cat\", \"/hello.txt\"]\n",
                "hello.txt",
                "hello from a custom dockerfile\n"));
        JsonNode data = build(bundle, "{\"dockerfile\":\"docker/app.Dockerfile\",\"platform\":\"linux/amd64\"}");

        assertThat(data.path("status").asString()).as(data.toString()).isEqualTo("success");
        assertThat(TestEngine.run(data.path("imageTag").asString())).contains("hello from a custom dockerfile");
    }

    @Test
    void bundleWithoutDockerfileFailsWithAMessageSayingSo() {
        JsonNode data =
                build(Bundles.targz(Map.of("readme.txt", "no dockerfile")), "{\"dockerfile\":\"nope/Dockerfile\"}");

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString()).contains("nope/Dockerfile");
    }

    @Test
    void buildsAreListedNewestFirstWithLogsOnlyWhenAsked() {
        String first = api.startBuild(api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n")), null);
        String second =
                api.startBuild(api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nENV X=1\n")), null);
        images.add("daas-app:" + first);
        images.add("daas-app:" + second);
        api.awaitEnd(first, BUILD_TIME);
        api.awaitEnd(second, BUILD_TIME);

        Response list = api.get("/api/docker/builds");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("success").asBoolean()).isTrue();
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(b -> ids.add(b.path("buildId").asString()));
        assertThat(list.json().path("count").asInt()).isEqualTo(ids.size());
        assertThat(ids).containsSubsequence(second, first);
        assertThat(list.json().path("data").get(0).has("logs")).isFalse();

        Response withLogs = api.get("/api/docker/builds?includeLogs=true");
        assertThat(withLogs.json().path("data").get(0).path("logs").isArray()).isTrue();

        // pages and a status filter, added to the contract: count is the page, total every match
        JsonNode newest = api.get("/api/docker/builds?limit=1").json();
        assertThat(newest.path("count").asInt()).isEqualTo(1);
        assertThat(newest.path("total").asInt()).isEqualTo(ids.size());
        assertThat(newest.path("data").get(0).path("buildId").asString()).isEqualTo(ids.get(0));
        JsonNode next = api.get("/api/docker/builds?limit=1&offset=1").json();
        assertThat(next.path("data").get(0).path("buildId").asString()).isEqualTo(ids.get(1));
        JsonNode succeeded = api.get("/api/docker/builds?status=success").json();
        assertThat(succeeded.path("data").findValuesAsString("status")).containsOnly("success");
        assertThat(succeeded.path("data").findValuesAsString("buildId")).contains(first, second);
        assertThat(api.get("/api/docker/builds?status=failed&limit=1000")
                        .json()
                        .path("data")
                        .findValuesAsString("buildId"))
                .doesNotContain(first, second);

        Response badLimit = api.get("/api/docker/builds?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.text("message")).isEqualTo("limit must be a whole number from 1 to 1000");
        assertThat(api.get("/api/docker/builds?offset=-1").text("message"))
                .isEqualTo("offset must be a whole number from 0 up");
        assertThat(api.get("/api/docker/builds?status=done").text("message"))
                .isEqualTo("status must be one of [pending, building, success, failed, cancelled]");
    }

    @Test
    void startAnswersAtOnceWithTheOriginalShape() {
        String bundle = api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN sleep 2\n"));
        Response r = api.postJson("/api/docker/build", "{\"bundleId\":\"" + bundle + "\"}");

        assertThat(r.status()).isEqualTo(202);
        String id = r.text("buildId");
        images.add("daas-app:" + id);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.text("message")).isEqualTo("Build started successfully");
        assertThat(r.text("statusUrl")).isEqualTo("/api/docker/build/" + id);
        assertThat(api.get("/api/docker/build/" + id)
                        .json()
                        .path("data")
                        .path("status")
                        .asString())
                .isIn("pending", "building");
        api.awaitEnd(id, BUILD_TIME);
    }
}
