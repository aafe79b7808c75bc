package io.daas.builder.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test-only tool: writes the generated Dockerfile (and .dockerignore) into a copy of a fixture. */
public final class EmitDockerfile {

    private EmitDockerfile() {}

    /** Usage: EmitDockerfile DIR; reads BASE_IMAGE_MIRROR; prints the plan. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        BuildPlan plan =
                new ProjectDetector(new DetectionSettings(System.getenv("BASE_IMAGE_MIRROR"), Map.of())).detect(dir);
        if (plan.dockerfile() != null) {
            Files.writeString(dir.resolve("Dockerfile"), plan.dockerfile());
        }
        if (plan.dockerignore() != null) {
            Files.writeString(dir.resolve(".dockerignore"), plan.dockerignore());
        }
        System.out.println(plan);
        System.out.print(plan.dockerfile());
    }
}
