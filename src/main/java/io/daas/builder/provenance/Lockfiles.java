package io.daas.builder.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * An application's dependencies as its lockfiles pin them: npm (package-lock.json,
 * npm-shrinkwrap.json), yarn (yarn.lock), pnpm (pnpm-lock.yaml), Python (requirements.txt pins,
 * poetry.lock, uv.lock), Go (go.mod), Cargo (Cargo.lock). Read from the build context, at most
 * {@link #MAX_DEPTH} folders deep, never inside dependency folders.
 */
final class Lockfiles {

    static final int MAX_DEPTH = 4;
    private static final long MAX_BYTES = 32L * 1024 * 1024;
    /** A bundle's lockfiles together: beyond this no SBOM is written (a small archive unpacks to GBs). */
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    /** Dependencies an SBOM keeps at most: each costs memory and a row's worth of JSON. */
    static final int MAX_DEPENDENCIES = 100_000;

    private static final Set<String> SKIPPED = Set.of("node_modules", ".git", "vendor", "target", ".venv", "venv");
    private static final Pattern PIN =
            Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^]]*])?\\s*===?\\s*([^\\s;#]+)");
    private static final Pattern GO_REQUIRE = Pattern.compile("^(?:require\\s+)?([^\\s()]+)\\s+(v[^\\s]+)");
    private static final Pattern YARN_VERSION = Pattern.compile("^\\s+version:?\\s+\"?([^\"\\s]+)\"?");
    private static final Pattern PNPM_KEY = Pattern.compile("^  /?('?)(@?[^@\\s'(]+)@([^:(\\s']+)");

    private final ObjectMapper json;
    private final TomlMapper toml = new TomlMapper();

    Lockfiles(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A pinned dependency.
     *
     * @param type the purl type: npm, pypi, golang, cargo
     * @param name its name (with the scope for npm)
     * @param version its version
     * @param source the lockfile it came from, relative to the context
     */
    record Dependency(String type, String name, String version, String source) {}

    List<Dependency> read(Path context) throws IOException {
        List<Dependency> out = new Bounded();
        long total = 0;
        try (Stream<Path> files = Files.walk(context, MAX_DEPTH)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> context.relativize(f).toString().split("/").length <= MAX_DEPTH)
                    .filter(f -> !skipped(context.relativize(f)))
                    .sorted()
                    .toList()) {
                if (Files.size(f) <= MAX_BYTES && known(f)) {
                    total += Files.size(f);
                    if (total > MAX_TOTAL_BYTES) {
                        throw new IOException("the lockfiles of the build context hold more than "
                                + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB (at " + context.relativize(f)
                                + "), more than an SBOM reads");
                    }
                    read(f, context.relativize(f).toString(), out);
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean known(Path file) {
        return switch (file.getFileName().toString()) {
            case "package-lock.json",
                    "npm-shrinkwrap.json",
                    "yarn.lock",
                    "pnpm-lock.yaml",
                    "requirements.txt",
                    "poetry.lock",
                    "uv.lock",
                    "Cargo.lock",
                    "go.mod" -> true;
            default -> false;
        };
    }

    /** A list that refuses more than {@link #MAX_DEPENDENCIES} entries. */
    private static final class Bounded extends ArrayList<Dependency> {
        @Override
        public boolean add(Dependency d) {
            if (size() >= MAX_DEPENDENCIES) {
                throw new IllegalStateException("the lockfiles of the build context name more than " + MAX_DEPENDENCIES
                        + " dependencies (at " + d.source() + "), more than an SBOM keeps");
            }
            return super.add(d);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private void read(Path file, String source, List<Dependency> out) throws IOException {
        switch (file.getFileName().toString()) {
            case "package-lock.json", "npm-shrinkwrap.json" -> npm(json.readTree(file.toFile()), source, out);
            case "yarn.lock" -> yarn(Files.readAllLines(file), source, out);
            case "pnpm-lock.yaml" -> pnpm(Files.readAllLines(file), source, out);
            case "requirements.txt" -> requirements(Files.readAllLines(file), source, out);
            case "poetry.lock", "uv.lock" -> tomlPackages(file, "pypi", source, out);
            case "Cargo.lock" -> tomlPackages(file, "cargo", source, out);
            case "go.mod" -> goMod(Files.readAllLines(file), source, out);
            default -> {}
        }
    }

    static void npm(JsonNode lock, String source, List<Dependency> out) {
        JsonNode packages = lock.path("packages");
        if (packages.isObject()) {
            for (Map.Entry<String, JsonNode> e : packages.properties()) {
                String key = e.getKey();
                JsonNode p = e.getValue();
                int at = key.lastIndexOf("node_modules/");
                if (at < 0 || p.path("link").asBoolean(false) || !p.has("version")) {
                    continue;
                }
                String name = p.has("name") ? p.path("name").asString() : key.substring(at + "node_modules/".length());
                out.add(new Dependency("npm", name, p.path("version").asString(), source));
            }
            return;
        }
        npmV1(lock.path("dependencies"), source, out);
    }

    private static void npmV1(JsonNode deps, String source, List<Dependency> out) {
        for (Map.Entry<String, JsonNode> e : deps.properties()) {
            out.add(new Dependency(
                    "npm", e.getKey(), e.getValue().path("version").asString(), source));
            npmV1(e.getValue().path("dependencies"), source, out);
        }
    }

    static void yarn(List<String> lines, String source, List<Dependency> out) {
        String name = null;
        for (String line : lines) {
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#") && line.endsWith(":")) {
                String first = line.substring(0, line.length() - 1)
                        .split(",")[0]
                        .strip()
                        .replace("\"", "");
                int at = first.indexOf('@', first.startsWith("@") ? 1 : 0);
                name = at > 0 ? first.substring(0, at) : null;
                if (name != null && first.contains("@workspace:")) {
                    name = null;
                }
            } else if (name != null) {
                Matcher m = YARN_VERSION.matcher(line);
                if (m.find() && line.startsWith("  ") && !line.startsWith("    ")) {
                    out.add(new Dependency("npm", name, m.group(1), source));
                    name = null;
                }
            }
        }
    }

    static void pnpm(List<String> lines, String source, List<Dependency> out) {
        boolean inPackages = false;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                inPackages = line.startsWith("packages:");
                continue;
            }
            Matcher m = PNPM_KEY.matcher(line);
            if (inPackages && m.find()) {
                out.add(new Dependency("npm", m.group(2), m.group(3), source));
            }
        }
    }

    static void requirements(List<String> lines, String source, List<Dependency> out) {
        for (String line : lines) {
            Matcher m = PIN.matcher(line.strip());
            if (m.find()) {
                out.add(new Dependency("pypi", m.group(1), m.group(3), source));
            }
        }
    }

    private void tomlPackages(Path file, String type, String source, List<Dependency> out) throws IOException {
        JsonNode packages = toml.readTree(file.toFile()).path("package");
        for (Iterator<JsonNode> it = packages.values().iterator(); it.hasNext(); ) {
            JsonNode p = it.next();
            // Cargo's own crates (the project and its workspace members) have no source.
            if (type.equals("cargo") && !p.has("source")) {
                continue;
            }
            if (p.has("name") && p.has("version")) {
                out.add(new Dependency(
                        type, p.path("name").asString(), p.path("version").asString(), source));
            }
        }
    }

    static void goMod(List<String> lines, String source, List<Dependency> out) {
        boolean block = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("require (")) {
                block = true;
            } else if (block && line.startsWith(")")) {
                block = false;
            } else if (block || line.startsWith("require ")) {
                Matcher m = GO_REQUIRE.matcher(line);
                if (m.find()) {
                    out.add(new Dependency("golang", m.group(1), m.group(2), source));
                }
            }
        }
    }
}
