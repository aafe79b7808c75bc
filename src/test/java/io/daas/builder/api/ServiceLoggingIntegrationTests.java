package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceProcess;
import io.daas.builder.support.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service's own output and its build logs, as an operator meets them: JSON lines with
 * the build's id under {@code LOG_FORMAT=json}, debug output with {@code DEBUG}, readable text by
 * default; a build log cut at {@code MAX_LOG_BYTES} with its marker; and build logs that are still
 * there, line for line, after a restart.
 */
class ServiceLoggingIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void jsonLinesWithTheBuildIdACappedLogAndLogsThatSurviveARestart() throws Exception {
        TestEngine.client();
        Path work = Files.createTempDirectory("daas-logging-");
        String id;
        String logBefore;
        Map<String, String> env = Map.of("LOG_FORMAT", "json", "DEBUG", "true", "MAX_LOG_BYTES", "4096");
        try (ServiceProcess first = ServiceProcess.start(work, env)) {
            Api api = first.api();
            id = api.startBuild(
                    api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN seq 1 3000\n")),
                    "{\"noCache\":true}");
            JsonNode done = api.awaitEnd(id, Duration.ofSeconds(60));
            assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("success");
            assertThat(done.path("logTruncated").asBoolean())
                    .as(done.toString())
                    .isTrue();
            logBefore =
                    api.get("/api/docker/build/" + id + "/logs?follow=false").body();
            List<String> logLines = logBefore.strip().lines().toList();
            String marker = logLines.get(logLines.size() - 1);
            assertThat(logBefore.length())
                    .as("the cap, then the marker")
                    .isLessThanOrEqualTo(4096 + marker.length() + 1);
            assertThat(marker).startsWith("[daas] log truncated").contains("MAX_LOG_BYTES");
            assertThat(logBefore).doesNotContain("\n3000\n");

            List<String> lines = Files.readAllLines(first.log()).stream()
                    .filter(l -> !l.isBlank())
                    .filter(l -> !isFromTheJvm(l))
                    .toList();
            assertThat(lines).isNotEmpty();
            List<JsonNode> objects = lines.stream().map(JSON::readTree).toList();
            assertThat(objects).allSatisfy(o -> assertThat(o.isObject()).isTrue());
            List<JsonNode> ofBuild = objects.stream()
                    .filter(o -> id.equals(o.path("buildId").asString(null)))
                    .toList();
            assertThat(ofBuild).as("lines that carry the build's id").isNotEmpty();
            assertThat(ofBuild).as("debug output of the build").anySatisfy(o -> {
                assertThat(o.path("log")
                                .path("level")
                                .asString(o.path("log.level").asString("")))
                        .isEqualTo("DEBUG");
                assertThat(o.toString()).contains("phase build started");
            });
        }

        try (ServiceProcess second = ServiceProcess.start(work, Map.of("MAX_LOG_BYTES", "4096"))) {
            Api api = second.api();
            assertThat(api.get("/api/docker/build/" + id + "/logs?follow=false").body())
                    .as("the log after a restart")
                    .isEqualTo(logBefore);
            JsonNode data = api.get("/api/docker/build/" + id).json().path("data");
            assertThat(data.path("logTruncated").asBoolean()).isTrue();
            String firstLine = Files.readAllLines(second.log()).stream()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElseThrow();
            assertThat(firstLine).as("readable text without LOG_FORMAT").doesNotStartWith("{");
        } finally {
            TestEngine.removeImage("daas-app:" + id);
            FileSystemUtils.deleteRecursively(work);
        }
    }

    /** What the JVM itself prints before the service starts (JAVA_TOOL_OPTIONS, VM warnings). */
    private static boolean isFromTheJvm(String line) {
        return line.startsWith("Picked up ") || line.startsWith("OpenJDK ") || line.startsWith("Java HotSpot");
    }
}
