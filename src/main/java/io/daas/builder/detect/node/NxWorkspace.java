package io.daas.builder.detect.node;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.frontend.JsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An Nx workspace (nx.json): the application it builds, with {@code nx build <app>}, and what the
 * build writes: a Node server to start, or static files to serve.
 *
 * @param app the project name
 * @param build the build command
 * @param outputPath where the build writes, relative to the workspace root
 * @param server whether the output is a Node server ({@code main.js}) rather than static files
 * @param others the other applications, for the plan's notes
 */
record NxWorkspace(String app, String build, String outputPath, boolean server, List<String> others) {

    private static final List<String> APP_FOLDERS = List.of("apps", "packages", "projects");

    static Optional<NxWorkspace> read(ProjectFiles files, NodeTool tool) {
        if (!files.isFile("nx.json")) {
            return Optional.empty();
        }
        List<String> dirs = new ArrayList<>();
        for (String parent : APP_FOLDERS) {
            for (String name : files.list(parent)) {
                String dir = parent + "/" + name;
                if (!name.endsWith("-e2e") && files.isDirectory(dir) && isApplication(files, dir)) {
                    dirs.add(dir);
                }
            }
        }
        if (dirs.isEmpty()) {
            return Optional.empty();
        }
        // A server first (it is what a container usually runs), else the first app.
        String chosen =
                dirs.stream().filter(dir -> isServer(files, dir)).findFirst().orElse(dirs.get(0));
        JsonNode project = Manifests.json(files.read(chosen + "/project.json"));
        String name = Optional.ofNullable(Manifests.text(project, "name"))
                .orElse(chosen.substring(chosen.lastIndexOf('/') + 1));
        JsonNode build = project.path("targets").path("build");
        String executor = Optional.ofNullable(Manifests.text(build, "executor")).orElse("");
        String outputPath = Manifests.text(build.path("options"), "outputPath");
        if (outputPath == null) {
            outputPath = viteOutput(files, chosen).orElse("dist/" + chosen);
        }
        if (executor.endsWith(":application") || executor.endsWith(":browser-esbuild")) {
            outputPath = outputPath + (executor.endsWith(":application") ? "/browser" : "");
        }
        List<String> others = dirs.stream().filter(d -> !d.equals(chosen)).toList();
        return Optional.of(new NxWorkspace(
                name, tool.exec("nx build " + name), JsConfig.clean(outputPath), isServer(files, chosen), others));
    }

    String start() {
        return "node " + outputPath + "/main.js";
    }

    private static boolean isApplication(ProjectFiles files, String dir) {
        JsonNode project = Manifests.json(files.read(dir + "/project.json"));
        if (project.isMissingNode()) {
            return false;
        }
        String type = Manifests.text(project, "projectType");
        return type == null
                ? project.path("targets").has("build") || hasViteConfig(files, dir)
                : type.equals("application");
    }

    private static boolean isServer(ProjectFiles files, String dir) {
        JsonNode build = Manifests.json(files.read(dir + "/project.json"))
                .path("targets")
                .path("build");
        String executor = Optional.ofNullable(Manifests.text(build, "executor")).orElse("");
        String target = Manifests.text(build.path("options"), "target");
        String platform = Manifests.text(build.path("options"), "platform");
        return executor.contains(":node")
                || "node".equals(target)
                || "node".equals(platform)
                || executor.equals("@nx/js:tsc")
                || executor.equals("@nrwl/js:tsc");
    }

    private static boolean hasViteConfig(ProjectFiles files, String dir) {
        return files.first(dir + "/vite.config.ts", dir + "/vite.config.js", dir + "/vite.config.mts")
                .isPresent();
    }

    /** An inferred Vite build: its outDir, relative to the app folder. */
    private static Optional<String> viteOutput(ProjectFiles files, String dir) {
        String config = JsConfig.firstText(
                files, List.of(dir + "/vite.config.ts", dir + "/vite.config.js", dir + "/vite.config.mts"));
        return JsConfig.setting(config, "outDir")
                .map(out -> java.nio.file.Path.of(dir)
                        .resolve(out)
                        .normalize()
                        .toString()
                        .replace('\\', '/'));
    }
}
