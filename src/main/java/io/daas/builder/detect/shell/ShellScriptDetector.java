package io.daas.builder.detect.shell;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectFiles;
import java.util.List;
import java.util.Optional;

/**
 * A bundle whose entry point is a shell script: start.sh (or run.sh, entrypoint.sh), else the one
 * *.sh at the root; run by its interpreter on Debian slim, so it needs no execute bit.
 */
public final class ShellScriptDetector implements LanguageDetector {

    static final int PORT = 8080;

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        if (context.procfileWeb() != null) {
            return Optional.empty();
        }
        Optional<String> script = files.first("start.sh", "run.sh", "entrypoint.sh", "main.sh");
        if (script.isEmpty()) {
            List<String> scripts = files.list("").stream()
                    .filter(name -> name.endsWith(".sh") && files.isFile(name))
                    .toList();
            if (scripts.size() != 1) {
                return Optional.empty();
            }
            script = Optional.of(scripts.get(0));
        }
        String shell = files.firstLine(script.get())
                .filter(line -> line.startsWith("#!") && line.contains("bash"))
                .map(line -> "bash")
                .orElse("sh");
        String start = shell + " " + script.get();
        String image = context.image("generic", "debian:bookworm-slim");
        String dockerfile = new Dockerfile()
                .from(image)
                .workdir("/app")
                .line(Dockerfile.DEBIAN_USER)
                .copy(". .")
                .serve(PORT, "app", Healthcheck.BASH, start, true)
                .text();
        return Optional.of(new BuildPlan(
                "shell",
                null,
                null,
                null,
                null,
                null,
                start,
                PORT,
                List.of(image),
                dockerfile,
                DockerIgnore.with(),
                List.of("Runs " + script.get() + " with " + shell + " on " + image
                        + " with the bundle in /app; tools it"
                        + " needs must be in the bundle (or listed as osPackages in daas.json).")));
    }
}
