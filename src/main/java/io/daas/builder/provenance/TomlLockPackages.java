package io.daas.builder.provenance;

import io.daas.builder.provenance.Lockfiles.Dependency;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** Reads the {@code [[package]]} tables of a TOML lockfile: poetry.lock and uv.lock (pypi), Cargo.lock (cargo). */
final class TomlLockPackages {

    private final TomlMapper toml = new TomlMapper();

    void read(Path file, String type, String source, List<Dependency> out) throws IOException {
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
}
