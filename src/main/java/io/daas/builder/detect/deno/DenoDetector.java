package io.daas.builder.detect.deno;

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
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Deno projects (deno.json or deno.jsonc): dependencies cached at build time, run as the deno user. */
public final class DenoDetector implements LanguageDetector {

    static final String DEFAULT_VERSION = "2.4.0";
    static final int PORT = 8000;
    private static final String PERMISSIONS = "--allow-net --allow-env --allow-read";

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        Optional<String> config = files.first("deno.json", "deno.jsonc");
        if (config.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = Manifests.json(files.read(config.get()));
        VersionChoice version = files.firstLine(".dvmrc")
                .map(v -> new VersionChoice(v.replaceFirst("^v", ""), ".dvmrc"))
                .orElse(VersionChoice.defaulted(DEFAULT_VERSION));
        String image = context.image("deno", "denoland/deno:" + version.value());
        Optional<String> entry = files.first("main.ts", "server.ts", "mod.ts", "index.ts", "src/main.ts", "main.js");
        String start = Manifests.text(json, "tasks", "start") != null
                ? "deno task start"
                : entry.map(e -> "deno run " + PERMISSIONS + " " + e).orElse(null);
        start = context.start(start);
        String install = entry.map(e -> "deno cache " + e).orElse("deno install");
        String dockerfile = null;
        List<String> notes = List.of();
        if (start == null) {
            notes = List.of("No tasks.start in " + config.get() + " and no main.ts: add one, or a Procfile web: line. "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
        } else {
            Dockerfile out = new Dockerfile().from(image).workdir("/app");
            if (!version.value().startsWith("1.")) {
                // Deno 2 installs what deno.json imports before the source arrives
                out.copy(config.get() + (files.isFile("deno.lock") ? " deno.lock" : "") + " ./");
                out.run("deno install");
            }
            dockerfile = out.copy(". .")
                    .run(install)
                    .serve(PORT, "deno", Healthcheck.BASH, start, true)
                    .text();
        }
        return Optional.of(new BuildPlan(
                "deno",
                null,
                "deno",
                version,
                install,
                null,
                start,
                PORT,
                List.of(image),
                dockerfile,
                DockerIgnore.with("**/node_modules"),
                notes));
    }
}
