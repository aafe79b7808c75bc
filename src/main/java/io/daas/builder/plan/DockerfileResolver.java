package io.daas.builder.plan;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildOptions;
import io.daas.builder.bundle.InvalidBundleException;
import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.InvalidProjectConfigException;
import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.security.SecretSanitiser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the Dockerfile of a build: {@code buildOptions.dockerfile}, else the bundle's own
 * Dockerfile, else one generated from what detection finds (with daas.json and the request's
 * overrides).
 */
public final class DockerfileResolver {

    /** Name of a generated Dockerfile in the context; a bundle cannot clash with it (it has none). */
    static final String GENERATED = "Dockerfile";

    private final ProjectDetector detector;
    private final BuildFetchPolicy fetchPolicy;

    public DockerfileResolver(ProjectDetector detector, BuildFetchPolicy fetchPolicy) {
        this.detector = detector;
        this.fetchPolicy = fetchPolicy;
    }

    /**
     * Checks the resolved Dockerfile against the fetch policy, before the engine sees it.
     *
     * @throws io.daas.builder.dockerfile.DockerfileRefusedException naming each refused line and its rule
     */
    public void verify(ResolvedDockerfile dockerfile, Build build) {
        fetchPolicy.verify(dockerfile, build);
    }

    public ResolvedDockerfile resolve(Path context, String requested) {
        return resolve(context, new BuildOptions(null, requested, null, null, null, false));
    }

    public ResolvedDockerfile resolve(Path context, BuildOptions options) {
        String requested = options.dockerfile();
        try {
            if (requested != null) {
                Path path = context.resolve(requested).normalize();
                if (!path.startsWith(context) || !Files.isRegularFile(path)) {
                    throw new InvalidBundleException(
                            "The bundle has no Dockerfile at '" + requested + "' (buildOptions.dockerfile)");
                }
                return new ResolvedDockerfile(
                        "buildOptions", context.relativize(path).toString(), Files.readString(path), null);
            }
            Path own = context.resolve("Dockerfile");
            if (Files.isRegularFile(own)) {
                return new ResolvedDockerfile("bundle", "Dockerfile", Files.readString(own), null);
            }
            BuildPlan plan = plan(detector, context, options.config());
            if (!plan.recognised()) {
                throw new InvalidBundleException(String.join(" ", plan.notes()));
            }
            Path folder = plan.directory() == null ? context : context.resolve(plan.directory());
            Files.writeString(folder.resolve(GENERATED), plan.dockerfile());
            Path ignore = folder.resolve(".dockerignore");
            if (plan.dockerignore() != null && !Files.exists(ignore)) {
                Files.writeString(ignore, plan.dockerignore());
            }
            return new ResolvedDockerfile("generated", GENERATED, plan.dockerfile(), plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Detection with the bundle's daas.json and the request's overrides; a daas.json that cannot
     * be used, or that names secret-looking environment variables, is an invalid bundle.
     */
    public static BuildPlan plan(ProjectDetector detector, Path context, ProjectConfig request) {
        try {
            for (String name : detector.config(context).environmentNames()) {
                if (SecretSanitiser.isSecretName(name)) {
                    throw new InvalidBundleException(ProjectConfig.FILE + " names the environment variable '" + name
                            + "', which looks like a secret: buildEnv and runEnv stay readable in the image by"
                            + " anyone who can pull it. Pass secrets to the container when it runs; if it holds"
                            + " no secret, rename it");
                }
            }
            return detector.detect(context, request);
        } catch (InvalidProjectConfigException e) {
            throw new InvalidBundleException(e.getMessage());
        }
    }
}
