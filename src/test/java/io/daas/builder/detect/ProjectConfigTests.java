package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.detect.config.ConfigApplier;
import io.daas.builder.detect.go.GoDetector;
import io.daas.builder.detect.statics.StaticServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** daas.json and the request's overrides: applied to the plan and its Dockerfile, request first, sources said. */
class ProjectConfigTests {

    @TempDir
    Path dir;

    private final ProjectDetector detector = new ProjectDetector(DetectionSettings.defaults());

    private void nodeServer() throws IOException {
        Files.writeString(
                dir.resolve("package.json"),
                "{\"scripts\": {\"start\": \"node server.js\", \"build\": \"tsc\"}, \"dependencies\": {\"a\": \"1\"}}");
        Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\":3}");
        Files.writeString(dir.resolve("server.js"), "");
    }

    @Test
    void everyOverrideOfDaasJsonReachesThePlanAndTheDockerfile() throws IOException {
        nodeServer();
        Files.writeString(dir.resolve("daas.json"), """
                {
                  "$schema": "https://example.org/api/docker/schema/daas.json",
                  "version": "20.11.1",
                  "installCommand": "npm ci --ignore-scripts",
                  "buildCommand": "npm run compile",
                  "startCommand": "node dist/main.js --port $PORT",
                  "port": 4000,
                  "osPackages": ["ffmpeg", "libvips42"],
                  "buildEnv": {"NEXT_TELEMETRY_DISABLED": "1"},
                  "runEnv": {"GREETING": "say \\"hi\\" for $5"}
                }
                """);
        BuildPlan plan = detector.detect(dir, ProjectConfig.none());
        assertThat(plan.baseImages()).containsExactly("node:20-slim");
        assertThat(plan.installCommand()).isEqualTo("npm ci --ignore-scripts");
        assertThat(plan.buildCommand()).isEqualTo("npm run compile");
        assertThat(plan.startCommand()).isEqualTo("node dist/main.js --port $PORT");
        assertThat(plan.port()).isEqualTo(4000);
        assertThat(plan.dockerfile())
                .contains("FROM node:20-slim AS build\n" + ConfigApplier.aptInstall(List.of("ffmpeg", "libvips42"))
                        + "\nARG NEXT_TELEMETRY_DISABLED=\"1\"\n")
                .contains("RUN npm ci --ignore-scripts\n")
                .contains("RUN npm run compile\n")
                .doesNotContain("RUN npm run build")
                .contains("ENV GREETING=\"say \\\"hi\\\" for \\$5\"\nENV PORT=4000\nEXPOSE 4000\n")
                .endsWith("CMD [\"sh\", \"-c\", \"exec node dist/main.js --port $PORT\"]\n");
        assertThat(plan.dockerfile().indexOf("ARG NEXT_TELEMETRY_DISABLED"))
                .as("build env only in the build stage")
                .isEqualTo(plan.dockerfile().lastIndexOf("ARG NEXT_TELEMETRY_DISABLED"));
        assertThat(plan.sources())
                .containsEntry("language", "detected")
                .containsEntry("version", "daas.json")
                .containsEntry("installCommand", "daas.json")
                .containsEntry("startCommand", "daas.json")
                .containsEntry("port", "daas.json")
                .containsEntry("osPackages", "daas.json");
    }

    @Test
    void theRequestWinsOverTheFileFieldByField() throws IOException {
        nodeServer();
        Files.writeString(dir.resolve("daas.json"), "{\"port\": 4000, \"startCommand\": \"node a.js\"}");
        ProjectConfig request =
                new ProjectConfig(null, null, null, null, null, "node b.js", null, null, null, null, null);
        BuildPlan plan = detector.detect(dir, request);
        assertThat(plan.startCommand()).isEqualTo("node b.js");
        assertThat(plan.port()).isEqualTo(4000);
        assertThat(plan.sources())
                .containsEntry("startCommand", "buildOptions")
                .containsEntry("port", "daas.json")
                .containsEntry("buildCommand", "detected")
                .containsEntry("version", "default");
    }

    @Test
    void aDirectoryBuildsTheAppInThatFolderAndALanguageChoosesTheDetector() throws IOException {
        Files.createDirectories(dir.resolve("apps/api"));
        Files.writeString(dir.resolve("index.html"), "<h1>docs</h1>");
        Files.writeString(dir.resolve("apps/api/main.py"), "print(1)\n");
        Files.writeString(dir.resolve("apps/api/index.html"), "<h1>api docs</h1>");
        Files.writeString(dir.resolve("daas.json"), "{\"directory\": \"./apps/api/\", \"language\": \"python\"}");
        BuildPlan plan = detector.detect(dir, ProjectConfig.none());
        assertThat(plan.language()).isEqualTo("python");
        assertThat(plan.directory()).isEqualTo("apps/api");
        assertThat(plan.startCommand()).isEqualTo("python main.py");
        assertThat(plan.sources()).containsEntry("directory", "daas.json").containsEntry("language", "daas.json");
    }

    @Test
    void anOutputDirMakesAFrontEndOfAnyBuild() throws IOException {
        Files.writeString(
                dir.resolve("package.json"),
                "{\"scripts\": {\"build\": \"webpack\"}, \"devDependencies\": {\"w\": \"1\"}}");
        ProjectConfig request =
                new ProjectConfig(null, null, null, null, null, null, null, "public/out", null, null, null);
        BuildPlan plan = detector.detect(dir, request);
        assertThat(plan.dockerfile()).contains("COPY --from=build /app/public/out /www");
        assertThat(plan.startCommand()).isEqualTo(StaticServer.START);
    }

    @Test
    void osPackagesAreNotedWhereTheImageHasNoAptGet() throws IOException {
        Files.writeString(dir.resolve("index.html"), "<h1>x</h1>");
        ProjectConfig request =
                new ProjectConfig(null, null, null, null, null, null, null, null, List.of("curl"), null, null);
        BuildPlan plan = detector.detect(dir, request);
        assertThat(plan.dockerfile()).doesNotContain("apt-get");
        assertThat(plan.notes()).anyMatch(n -> n.contains("no apt-get"));
    }

    @Test
    void aBrokenDaasJsonIsRefusedNamingTheField() throws IOException {
        nodeServer();
        Files.writeString(dir.resolve("daas.json"), "{\"port\": 70000, \"osPackages\": [\"rm -rf\"]}");
        assertThatThrownBy(() -> detector.detect(dir, ProjectConfig.none()))
                .isInstanceOf(InvalidProjectConfigException.class)
                .hasMessageContaining("daas.json port must be a whole number from 1 to 65535")
                .hasMessageContaining("daas.json osPackages entry 'rm -rf' is not a Debian package name");
        Files.writeString(dir.resolve("daas.json"), "{\"startCmd\": \"x\"}");
        assertThatThrownBy(() -> detector.detect(dir, ProjectConfig.none()))
                .isInstanceOf(InvalidProjectConfigException.class)
                .hasMessageContaining("daas.json is not valid")
                .hasMessageContaining("startCmd");
        Files.writeString(dir.resolve("daas.json"), "{\"port\": \"x\"}");
        assertThatThrownBy(() -> detector.detect(dir, ProjectConfig.none())).hasMessageContaining("(field 'port')");
        Files.writeString(dir.resolve("daas.json"), "{\"directory\": \"../etc\"}");
        assertThatThrownBy(() -> detector.detect(dir, ProjectConfig.none()))
                .hasMessageContaining("directory must be a relative folder");
        Files.writeString(dir.resolve("daas.json"), "{\"directory\": \"nowhere\"}");
        assertThatThrownBy(() -> detector.detect(dir, ProjectConfig.none()))
                .hasMessageContaining("'nowhere' (daas.json) is not a folder of the bundle");
    }

    @Test
    void aLanguageThatIsNotThereSaysSo() throws IOException {
        nodeServer();
        BuildPlan plan = detector.detect(
                dir, new ProjectConfig("go", null, null, null, null, null, null, null, null, null, null));
        assertThat(plan.recognised()).isFalse();
        assertThat(plan.notes()).singleElement().asString().contains("language 'go' (buildOptions)");
    }

    @Test
    void requestProblemsArePrefixedWithTheirField() {
        ProjectConfig bad =
                new ProjectConfig("cobol", null, null, null, null, "a\nb", 0, null, null, Map.of("1X", "v"), null);
        assertThat(bad.problems("buildOptions."))
                .anyMatch(p -> p.startsWith("buildOptions.language must be one of"))
                .anyMatch(p -> p.startsWith("buildOptions.startCommand must be one line"))
                .anyMatch(p -> p.startsWith("buildOptions.port must be"))
                .anyMatch(p -> p.startsWith("buildOptions.buildEnv name '1X'"));
    }

    @Test
    void aCommandEndingInALineContinuationIsRefusedSoItCannotSwallowTheNextStep() throws IOException {
        nodeServer();
        ProjectConfig request = new ProjectConfig(
                null, null, null, "npm ci \\", "npm run build \\  ", "node server.js \\", null, null, null, null, null);
        assertThat(request.problems("buildOptions."))
                .anyMatch(p -> p.startsWith("buildOptions.installCommand must be one line"))
                .anyMatch(p -> p.startsWith("buildOptions.buildCommand must be one line"))
                .anyMatch(p -> p.startsWith("buildOptions.startCommand must be one line"));
        Files.writeString(dir.resolve("daas.json"), "{\"buildCommand\": \"npm run build \\\\\"}");
        assertThatThrownBy(() -> detector.detect(dir, ProjectConfig.none()))
                .isInstanceOf(InvalidProjectConfigException.class)
                .hasMessageContaining("daas.json buildCommand must be one line");
    }

    @Test
    void anOutputDirIsAPlainFolderNameNotMoreWordsOfTheCopyStep() {
        for (String dir : List.of("dist /", "dist /etc/passwd", "$HOME", "dist\"", "a b")) {
            ProjectConfig request = new ProjectConfig(null, null, null, null, null, null, null, dir, null, null, null);
            assertThat(request.problems("buildOptions."))
                    .as(dir)
                    .anyMatch(p -> p.startsWith("buildOptions.outputDir must be a relative folder"));
        }
        assertThat(new ProjectConfig(
                                null, null, null, null, null, null, null, "./public/out_1.2@x+y/", null, null, null)
                        .problems("buildOptions."))
                .isEmpty();
    }

    @Test
    void aVersionPicksTheImageLineOfEachLanguageAndOneWithoutDigitsIsNoted() throws IOException {
        Files.writeString(dir.resolve("main.go"), "package main\n\nfunc main() {}\n");
        BuildPlan go = detector.detect(
                dir, new ProjectConfig(null, "1.24.3", null, null, null, null, null, null, null, null, null));
        assertThat(go.baseImages()).first().isEqualTo("golang:1.24");
        assertThat(go.sources()).containsEntry("version", "buildOptions");
        BuildPlan latest = detector.detect(
                dir, new ProjectConfig(null, "latest", null, null, null, null, null, null, null, null, null));
        assertThat(latest.baseImages()).first().isEqualTo("golang:" + GoDetector.DEFAULT_VERSION);
        assertThat(latest.notes()).anyMatch(n -> n.startsWith("version latest is not used for go"));
    }
}
