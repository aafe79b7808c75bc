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
        VersionChoice version = asked != null ? asked : RustToolchain.version(files, cargo, notes);
        List<CargoTargets.Bin> bins = new ArrayList<>(CargoTargets.binaries(files, "", cargo));
        boolean workspace = cargo.has("workspace");
        if (workspace) {
            List<String> excluded = Manifests.strings(cargo.path("workspace").path("exclude")).stream()
                    .map(e -> e.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", ""))
                    .toList();
            for (String member : Manifests.strings(cargo.path("workspace").path("members"))) {
                for (String dir : CargoTargets.expand(files, member)) {
                    if (!excluded.contains(dir)) {
                        bins.addAll(CargoTargets.binaries(
                                files, dir + "/", Manifests.toml(files.read(dir + "/Cargo.toml"))));
                    }
                }
            }
        }
        List<String> binaries =
                bins.stream().map(CargoTargets.Bin::name).distinct().toList();
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
        CargoTargets.Bin chosen =
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
}
