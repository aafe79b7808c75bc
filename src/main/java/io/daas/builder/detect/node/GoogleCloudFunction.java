package io.daas.builder.detect.node;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A Google Cloud Functions Framework function with no package.json: project.toml's
 * GOOGLE_FUNCTION_TARGET names the exported function, and the image adds the framework to serve it,
 * as Google's buildpack does.
 */
final class GoogleCloudFunction {

    static final String FRAMEWORK = "@google-cloud/functions-framework@5";
    static final int PORT = 8080;
    private static final Pattern TARGET = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,99}");

    private GoogleCloudFunction() {}

    /** The plan when project.toml names a function target and index.js (or function.js) exists. */
    static Optional<BuildPlan> plan(DetectionContext context) {
        ProjectFiles files = context.files();
        String target = target(files);
        if (target == null || files.first("index.js", "function.js").isEmpty()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        VersionChoice version = context.version() != null
                ? NodeVersions.resolve(context.version(), "version " + context.version(), notes)
                : VersionChoice.defaulted(NodeVersions.DEFAULT);
        String image = context.image("node", "node:" + version.value() + "-slim");
        String install = "npm init -y > /dev/null && npm install --omit=dev " + FRAMEWORK;
        String start = context.start("node_modules/.bin/functions-framework --target=" + target);
        notes.add("A Google Cloud function with no package.json (project.toml GOOGLE_FUNCTION_TARGET=" + target
                + "): the image adds the Functions Framework (" + FRAMEWORK + "), which serves " + target
                + " on $PORT.");
        Dockerfile out = new Dockerfile()
                .from(image)
                .workdir("/app")
                .copy(". .")
                .run(install)
                .env("NODE_ENV=production");
        out.serve(PORT, "node", Healthcheck.NODE, start, true);
        return Optional.of(new BuildPlan(
                "node",
                "functions-framework",
                "npm",
                version,
                install,
                null,
                start,
                PORT,
                List.of(image),
                out.text(),
                DockerIgnore.with("**/node_modules"),
                notes));
    }

    /** GOOGLE_FUNCTION_TARGET of project.toml's [[build.env]], when it is a plain JS name; else null. */
    static String target(ProjectFiles files) {
        JsonNode toml = Manifests.toml(files.read("project.toml"));
        for (JsonNode env : toml.path("build").path("env").values()) {
            if ("GOOGLE_FUNCTION_TARGET".equals(Manifests.text(env, "name"))) {
                String value = Manifests.text(env, "value");
                return value != null && TARGET.matcher(value.strip()).matches() ? value.strip() : null;
            }
        }
        return null;
    }
}
