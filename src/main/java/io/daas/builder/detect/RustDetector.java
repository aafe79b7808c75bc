package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Rust (Cargo): binary from [[bin]], the package name or workspace members; release build. */
final class RustDetector implements LanguageDetector {

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
        VersionChoice version = version(files, cargo, notes);
        List<String> binaries = binaries(files, "", cargo);
        boolean workspace = cargo.has("workspace");
        if (workspace) {
            for (String member : Manifests.strings(cargo.path("workspace").path("members"))) {
                for (String dir : expand(files, member)) {
                    binaries.addAll(binaries(files, dir + "/", Manifests.toml(files.read(dir + "/Cargo.toml"))));
                }
            }
        }
        String builder = context.image("rust", "rust:" + version.value() + "-slim-bookworm");
        String runtime = context.image("rust-runtime", "debian:bookworm-slim");
        if (binaries.isEmpty()) {
            notes.add("Cargo.toml declares no binary (no [[bin]], no src/main.rs). "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
            return Optional.of(plan(version, null, null, List.of(builder, runtime), null, notes));
        }
        String packageName = Manifests.text(cargo, "package", "name");
        String binary = binaries.contains(packageName) ? packageName : binaries.get(0);
        if (binaries.size() > 1) {
            notes.add("Several binaries " + binaries + "; building " + binary + ".");
        }
        boolean locked = files.isFile("Cargo.lock");
        String build = "cargo build --release" + (locked ? " --locked" : "") + " --bin " + binary;
        String start = context.start(binary);
        Dockerfile out = new Dockerfile().from(builder, "build").workdir("/app");
        if (!workspace && !cargo.has("bin") && !cargo.has("lib") && files.isFile("src/main.rs")) {
            // Dependencies are fetched in their own layer, against a stub main.rs removed afterwards.
            out.copy("Cargo.toml Cargo.lock* ./");
            out.run("mkdir -p src && echo 'fn main() {}' > src/main.rs && cargo fetch && rm -rf src");
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

    /** Binaries a package builds: its [[bin]] entries, else its name when src/main.rs exists, plus src/bin/*.rs. */
    static List<String> binaries(ProjectFiles files, String dir, JsonNode cargo) {
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
        for (String file : files.list(dir + "src/bin")) {
            String name = file.endsWith(".rs") ? file.substring(0, file.length() - 3) : file;
            if (!names.contains(name) && (file.endsWith(".rs") || files.isFile(dir + "src/bin/" + file + "/main.rs"))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Workspace member paths, with a trailing "/*" glob expanded one level. */
    private static List<String> expand(ProjectFiles files, String member) {
        if (!member.endsWith("/*")) {
            return files.isFile(member + "/Cargo.toml") ? List.of(member) : List.of();
        }
        String parent = member.substring(0, member.length() - 2);
        return files.list(parent).stream()
                .map(name -> parent + "/" + name)
                .filter(dir -> files.isFile(dir + "/Cargo.toml"))
                .toList();
    }
}
