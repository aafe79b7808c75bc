package io.daas.builder.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.ObjectMapper;

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

    private final ObjectMapper json;
    private final TomlLockPackages toml = new TomlLockPackages();

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
            case "package-lock.json", "npm-shrinkwrap.json" ->
                NpmPackageLock.read(json.readTree(file.toFile()), source, out);
            case "yarn.lock" -> YarnLock.read(Files.readAllLines(file), source, out);
            case "pnpm-lock.yaml" -> PnpmLock.read(Files.readAllLines(file), source, out);
            case "requirements.txt" -> RequirementsPins.read(Files.readAllLines(file), source, out);
            case "poetry.lock", "uv.lock" -> toml.read(file, "pypi", source, out);
            case "Cargo.lock" -> toml.read(file, "cargo", source, out);
            case "go.mod" -> GoModRequires.read(Files.readAllLines(file), source, out);
            default -> {}
        }
    }
}
