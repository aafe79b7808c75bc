package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link DetectionSettings}: mirror prefix and per-role overrides. */
class DetectionSettingsTests {

    @Test
    void defaultsUseOfficialNames() {
        assertThat(DetectionSettings.defaults().image("node", "node:22-slim")).isEqualTo("node:22-slim");
    }

    @Test
    void theMirrorIsAPrefixWithoutTrailingSlashes() {
        DetectionSettings settings = new DetectionSettings(" 127.0.0.1:5000/mirror// ", null);
        assertThat(settings.image("node", "node:20-slim")).isEqualTo("127.0.0.1:5000/mirror/node:20-slim");
        assertThat(new DetectionSettings("  ", Map.of()).baseImageMirror()).isNull();
    }

    @Test
    void anOverrideIsTakenAsIsEvenWithAMirror() {
        DetectionSettings settings = new DetectionSettings("m", Map.of("python", "corp/python:3.12", "go", " "));
        assertThat(settings.image("python", "python:3.12-slim")).isEqualTo("corp/python:3.12");
        assertThat(settings.image("go", "golang:1.25")).isEqualTo("m/golang:1.25");
    }
}
