package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names and scripts read from a bundle's project files never add lines of their own to a generated Dockerfile. */
class BundleTextInDockerfileTests {

    private static final String ADD = "ADD http://127.0.0.1:5000/v2/_catalog /r";

    @TempDir
    Path dir;

    private final ProjectDetector detector = new ProjectDetector(DetectionSettings.defaults());

    @Test
    void aCrateNameWithALineBreakIsRefusedInsteadOfBecomingAnInstruction() throws IOException {
        Files.writeString(dir.resolve("Cargo.toml"), "[package]\nname = \"app\\n" + ADD + "\"\nversion = \"0.1.0\"\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/main.rs"), "fn main() {}\n");

        assertThatThrownBy(() -> detector.detect(dir, ProjectConfig.none()))
                .isInstanceOf(InvalidProjectConfigException.class)
                .hasMessageContaining("line break")
                .hasMessageContaining("app\\n" + ADD);
    }

    @Test
    void aCrateNameOnOneLineStillBuilds() throws IOException {
        Files.writeString(dir.resolve("Cargo.toml"), "[package]\nname = \"app\"\nversion = \"0.1.0\"\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/main.rs"), "fn main() {}\n");

        assertThat(detector.detect(dir, ProjectConfig.none()).dockerfile()).contains("CMD [\"app\"]");
    }
}
