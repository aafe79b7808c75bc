package io.daas.builder.detect.rust;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The Rust version to build with: rust-toolchain(.toml), else Cargo's rust-version, else the default. */
final class RustToolchain {

    static final String DEFAULT_VERSION = RustDetector.DEFAULT_VERSION;

    private RustToolchain() {}

    /** rust-toolchain(.toml) pins the toolchain; Cargo's rust-version is a minimum. */
    static VersionChoice version(ProjectFiles files, JsonNode cargo, List<String> notes) {
        String channel = files.read("rust-toolchain.toml")
                .map(text -> Manifests.text(Manifests.toml(Optional.of(text)), "toolchain", "channel"))
                .orElse(null);
        String source = "rust-toolchain.toml";
        if (channel == null) {
            channel = files.isFile("rust-toolchain")
                    ? files.firstLine("rust-toolchain").orElse(null)
                    : null;
            source = "rust-toolchain";
            if (channel != null && channel.startsWith("[")) {
                channel = Manifests.text(Manifests.toml(files.read("rust-toolchain")), "toolchain", "channel");
            }
        }
        if (channel != null) {
            if (channel.matches("\\d+\\.\\d+(\\.\\d+)?")) {
                return new VersionChoice(channel.replaceFirst("^(\\d+\\.\\d+).*", "$1"), source);
            }
            notes.add(source + " asks for \"" + channel + "\"; building with the stable Rust " + DEFAULT_VERSION + ".");
            return new VersionChoice(DEFAULT_VERSION, source + " (" + channel + ")");
        }
        String minimum = Manifests.text(cargo, "package", "rust-version");
        if (minimum != null && minimum.matches("\\d+\\.\\d+.*")) {
            String line = minimum.replaceFirst("^(\\d+\\.\\d+).*", "$1");
            return VersionChoice.newer(line, DEFAULT_VERSION)
                    ? new VersionChoice(line, "Cargo.toml rust-version")
                    : new VersionChoice(
                            DEFAULT_VERSION, "Cargo.toml rust-version " + line + " (raised to the default)");
        }
        return VersionChoice.defaulted(DEFAULT_VERSION);
    }
}
