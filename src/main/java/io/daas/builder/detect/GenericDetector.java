package io.daas.builder.detect;

import java.util.List;
import java.util.Optional;

/** Last resort for a bundle that only has a Procfile: its web command on a Debian slim image. */
final class GenericDetector implements LanguageDetector {

    static final int PORT = 8080;

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        if (context.procfileWeb() == null) {
            return Optional.empty();
        }
        String image = context.image("generic", "debian:bookworm-slim");
        String dockerfile = new Dockerfile()
                .from(image)
                .workdir("/app")
                .line(Dockerfile.DEBIAN_USER)
                .copy(". .")
                .serve(PORT, "app", Healthcheck.BASH, context.procfileWeb(), true)
                .text();
        return Optional.of(new BuildPlan(
                "generic",
                null,
                null,
                null,
                null,
                null,
                context.procfileWeb(),
                PORT,
                List.of(image),
                dockerfile,
                DockerIgnore.with(),
                List.of("No language recognised: runs the Procfile web: command on " + image
                        + " with the bundle in /app; tools it needs must be in the bundle.")));
    }
}
