package io.daas.builder.provenance;

import io.daas.builder.provenance.Lockfiles.Dependency;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads npm's package-lock.json and npm-shrinkwrap.json: the {@code packages} map (v2, v3) or nested {@code dependencies} (v1). */
final class NpmPackageLock {

    private NpmPackageLock() {}

    static void read(JsonNode lock, String source, List<Dependency> out) {
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
        v1(lock.path("dependencies"), source, out);
    }

    private static void v1(JsonNode deps, String source, List<Dependency> out) {
        for (Map.Entry<String, JsonNode> e : deps.properties()) {
            out.add(new Dependency(
                    "npm", e.getKey(), e.getValue().path("version").asString(), source));
            v1(e.getValue().path("dependencies"), source, out);
        }
    }
}
