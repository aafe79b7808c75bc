package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version pins in the files each ecosystem uses pick the image line, and the plan says which file. */
class PinnedVersionsTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', textBlock = """
            .nvmrc;               v20.11.1;                                  node:20-slim;            .nvmrc
            .nvmrc;               lts/iron;                                  node:20-slim;            .nvmrc
            .node-version;        18.20.4;                                   node:18-slim;            .node-version
            .python-version;      3.11.9;                                    python:3.11-slim;        .python-version
            runtime.txt;          python-3.10.14;                            python:3.10-slim;        runtime.txt
            rust-toolchain;       1.75.0;                                    rust:1.75-slim-bookworm; rust-toolchain
            rust-toolchain.toml;  [toolchain]\\nchannel = "1.79.0";          rust:1.79-slim-bookworm; rust-toolchain.toml
            go.mod;               module m\\n\\ngo 1.26\\ntoolchain go1.26.2; golang:1.26;             go.mod toolchain 1.26
            go.mod;               module m\\n\\ngo 1.27;                     golang:1.27;             go.mod go 1.27
            .java-version;        17.0.2;                                    eclipse-temurin:17-jre;  .java-version
            system.properties;    java.runtime.version=11;                   eclipse-temurin:11-jre;  system.properties
            """)
    void aPinnedVersionPicksTheImageLine(String file, String content, String image, String source) throws IOException {
        Files.writeString(dir.resolve(file), content.replace("\\n", "\n") + "\n");
        companions(file);
        BuildPlan plan = new ProjectDetector(DetectionSettings.defaults()).detect(dir);
        assertThat(plan.baseImages()).contains(image);
        assertThat(plan.version().source()).startsWith(source);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            {"engines": {"node": ">=18.20.8"}};                      node:22-slim; package.json engines.node
            {"engines": {"node": "20.x"}};                            node:20-slim; package.json engines.node
            {"engines": {"node": "^24.1.0"}};                         node:24-slim; package.json engines.node
            """)
    void enginesNodePicksTheImageLine(String packageJson, String image, String source) throws IOException {
        Files.writeString(dir.resolve("package.json"), packageJson.replace("}}", "}, \"main\": \"index.js\"}"));
        Files.writeString(dir.resolve("index.js"), "");
        BuildPlan plan = new ProjectDetector(DetectionSettings.defaults()).detect(dir);
        assertThat(plan.baseImages()).containsExactly(image);
        assertThat(plan.version().source()).isEqualTo(source);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            pnpm@9.1.0;   pnpm;       corepack enable && pnpm install
            yarn@4.2.2;   yarn-berry; corepack enable && yarn install
            yarn@1.22.22; yarn;       yarn install
            """)
    void packageManagerNamesTheToolThatCorepackRunsAtThatVersion(String declared, String tool, String install)
            throws IOException {
        Files.writeString(
                dir.resolve("package.json"),
                "{\"packageManager\": \"" + declared + "\", \"scripts\": {\"start\": \"node index.js\"},"
                        + " \"dependencies\": {\"a\": \"1\"}}");
        Files.writeString(dir.resolve("index.js"), "");
        BuildPlan plan = new ProjectDetector(DetectionSettings.defaults()).detect(dir);
        assertThat(plan.packageManager()).isEqualTo(tool);
        assertThat(plan.installCommand()).startsWith(install);
    }

    private void companions(String file) throws IOException {
        switch (file) {
            case ".nvmrc", ".node-version" -> {
                Files.writeString(dir.resolve("package.json"), "{\"main\": \"index.js\"}");
                Files.writeString(dir.resolve("index.js"), "");
            }
            case ".python-version", "runtime.txt" -> Files.writeString(dir.resolve("main.py"), "print(1)\n");
            case "rust-toolchain", "rust-toolchain.toml" -> {
                Files.writeString(dir.resolve("Cargo.toml"), "[package]\nname = \"r\"\nversion = \"0.1.0\"\n");
                Files.createDirectories(dir.resolve("src"));
                Files.writeString(dir.resolve("src/main.rs"), "fn main() {}\n");
            }
            case "go.mod" -> Files.writeString(dir.resolve("main.go"), "package main\n\nfunc main() {}\n");
            case ".java-version", "system.properties" ->
                Files.writeString(
                        dir.resolve("pom.xml"),
                        "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId>"
                                + "<version>1</version><properties><java.version>21</java.version></properties>"
                                + "</project>");
            default -> throw new IllegalArgumentException(file);
        }
    }
}
