package io.daas.builder.detect.rust;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import io.daas.builder.detect.go.GoDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Rust (Cargo): binary from [[bin]], the package name or workspace members; release build. */
public final class RustDetector implements LanguageDetector {

    static final String DEFAULT_VERSION = "1.88";
    static final int PORT = 8080;

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        if (!files.isFile("Cargo.toml")) {
            return Optional.empty();
        }
        JsonNode cargo = Manifests.toml(files.read("Cargo.toml"));
        List<String> notes = new ArrayList<>();
        VersionChoice asked = context.versionLine(2);
        VersionChoice version = asked != null ? asked : version(files, cargo, notes);
        List<Bin> bins = new ArrayList<>(binaries(files, "", cargo));
        boolean workspace = cargo.has("workspace");
        if (workspace) {
            List<String> excluded = Manifests.strings(cargo.path("workspace").path("exclude")).stream()
                    .map(e -> e.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", ""))
                    .toList();
            for (String member : Manifests.strings(cargo.path("workspace").path("members"))) {
                for (String dir : expand(files, member)) {
                    if (!excluded.contains(dir)) {
                        bins.addAll(binaries(files, dir + "/", Manifests.toml(files.read(dir + "/Cargo.toml"))));
                    }
                }
            }
        }
        List<String> binaries = bins.stream().map(Bin::name).distinct().toList();
        String builder = context.image("rust", "rust:" + version.value() + "-slim-bookworm");
        String runtime = context.image("rust-runtime", "debian:bookworm-slim");
        if (binaries.isEmpty()) {
            notes.add("Cargo.toml declares no binary (no [[bin]], no src/main.rs). "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
            return Optional.of(plan(version, null, null, List.of(builder, runtime), null, notes));
        }
        String packageName = Manifests.text(cargo, "package", "name");
        String defaultRun = Manifests.text(cargo, "package", "default-run");
        String binary = binaries.contains(defaultRun)
                ? defaultRun
                : binaries.contains(packageName) ? packageName : binaries.get(0);
        if (binaries.size() > 1) {
            notes.add("Several binaries " + binaries + "; building " + binary + ".");
        }
        Bin chosen =
                bins.stream().filter(b -> b.name().equals(binary)).findFirst().orElseThrow();
        boolean locked = files.isFile("Cargo.lock");
        // In a workspace the package is named too: --bin alone looks only in the default members.
        String packageFlag = chosen.pkg() != null && !chosen.pkg().equals(packageName) ? " -p " + chosen.pkg() : "";
        String build = "cargo build --release" + (locked ? " --locked" : "") + packageFlag + " --bin " + binary;
        String start = context.start(binary);
        Dockerfile out = new Dockerfile().from(builder, "build").workdir("/app");
        if (!workspace
                && !cargo.has("bin")
                && !cargo.has("lib")
                && !cargo.path("package").has("build")) {
            // Dependencies are fetched in their own layer, against stub targets removed afterwards:
            // every binary Cargo would find (default-run must name one of them).
            List<String> stubs = new ArrayList<>();
            if (files.isFile("src/main.rs")) {
                stubs.add("src/main.rs");
            }
            bins.stream()
                    .filter(b -> !b.name().equals(packageName) || !files.isFile("src/main.rs"))
                    .forEach(b -> stubs.add("src/bin/" + b.name() + ".rs"));
            if (!stubs.isEmpty()) {
                StringBuilder stub = new StringBuilder(
                        stubs.stream().anyMatch(f -> f.startsWith("src/bin/")) ? "mkdir -p src/bin" : "mkdir -p src");
                stubs.forEach(f -> stub.append(" && echo 'fn main() {}' > ").append(f));
                out.copy("Cargo.toml Cargo.lock* ./");
                out.run(stub + " && cargo fetch && rm -rf src");
            }
        }
        out.copy(". .");
        out.run(build + " && mkdir -p /out && cp target/release/" + binary + " /out/");
        out.from(runtime).line(Dockerfile.DEBIAN_USER).workdir("/app");
        out.copy("--from=build /out/" + binary + " /usr/local/bin/" + binary);
        if (context.procfileWeb() != null) {
            // Procfiles name the binary where cargo leaves it.
            out.copy("--from=build /out/" + binary + " /app/target/release/" + binary);
        }
        out.serve(PORT, "app", Healthcheck.BASH, start, true);
        return Optional.of(plan(version, build, start, List.of(builder, runtime), out.text(), notes));
    }

    private static BuildPlan plan(
            VersionChoice version,
            String build,
            String start,
            List<String> images,
            String dockerfile,
            List<String> notes) {
        return new BuildPlan(
                "rust",
                null,
                "cargo",
                version,
                "cargo fetch",
                build,
                start,
                PORT,
                images,
                dockerfile,
                DockerIgnore.with("target"),
                notes);
    }

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
            return GoDetector.newer(line, DEFAULT_VERSION)
                    ? new VersionChoice(line, "Cargo.toml rust-version")
                    : new VersionChoice(
                            DEFAULT_VERSION, "Cargo.toml rust-version " + line + " (raised to the default)");
        }
        return VersionChoice.defaulted(DEFAULT_VERSION);
    }

    /** A binary target and the package it belongs to. */
    record Bin(String pkg, String name) {}

    /** Binaries a package builds: its [[bin]] entries, else its name when src/main.rs exists, plus src/bin/*.rs. */
    static List<Bin> binaries(ProjectFiles files, String dir, JsonNode cargo) {
        List<String> names = new ArrayList<>();
        String packageName = Manifests.text(cargo, "package", "name");
        for (JsonNode bin : cargo.path("bin").values()) {
            String name = Manifests.text(bin, "name");
            if (name != null) {
                names.add(name);
            }
        }
        if (packageName != null && names.isEmpty() && files.isFile(dir + "src/main.rs")) {
            names.add(packageName);
        }
        if (!cargo.path("package").path("autobins").isBoolean()
                || cargo.path("package").path("autobins").asBoolean()) {
            for (String file : files.list(dir + "src/bin")) {
                String name = file.endsWith(".rs") ? file.substring(0, file.length() - 3) : file;
                if (!names.contains(name)
                        && (file.endsWith(".rs") || files.isFile(dir + "src/bin/" + file + "/main.rs"))) {
                    names.add(name);
                }
            }
        }
        return names.stream().map(name -> new Bin(packageName, name)).toList();
    }

    /** Workspace member paths matching a member entry, whose segments may hold * and ? globs. */
    static List<String> expand(ProjectFiles files, String member) {
        List<String> dirs = List.of("");
        String path = member.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        if (path.startsWith("/") || path.contains("..")) {
            return List.of();
        }
        for (String segment : path.split("/")) {
            List<String> next = new ArrayList<>();
            for (String dir : dirs) {
                String prefix = dir.isEmpty() ? "" : dir + "/";
                if (!segment.contains("*") && !segment.contains("?")) {
                    if (files.isDirectory(prefix + segment)) {
                        next.add(prefix + segment);
                    }
                    continue;
                }
                java.util.regex.Pattern glob = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(segment)
                        .replace("*", "\\E.*\\Q")
                        .replace("?", "\\E.\\Q"));
                for (String name : files.list(dir)) {
                    if (glob.matcher(name).matches() && files.isDirectory(prefix + name)) {
                        next.add(prefix + name);
                    }
                }
            }
            dirs = next;
        }
        return dirs.stream().filter(d -> files.isFile(d + "/Cargo.toml")).toList();
    }
}
