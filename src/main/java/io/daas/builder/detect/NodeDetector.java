package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Node.js projects (package.json): npm, yarn, pnpm, bun; Next.js, Vite and Create React App. */
final class NodeDetector implements LanguageDetector {

    static final int PORT = 3000;
    private static final Pattern PLAIN_NODE = Pattern.compile("^node\\s+[\\w./-]+$");
    private static final Pattern STANDALONE = Pattern.compile("output\\s*:\\s*['\"]standalone['\"]");

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        if (!files.isFile("package.json")) {
            return Optional.empty();
        }
        NodePackage pkg = NodePackage.read(files);
        NodeTool tool = NodeTool.detect(files, pkg);
        List<String> notes = new ArrayList<>();
        VersionChoice version =
                tool == NodeTool.BUN ? VersionChoice.defaulted("1") : NodeVersions.choose(files, pkg, notes);
        String image = tool == NodeTool.BUN
                ? context.image("bun", "oven/bun:1")
                : context.image("node", "node:" + version.value() + "-slim");
        boolean locked = tool.hasLockfile(files);
        if (!locked && !NodePackage.dependencyFree(pkg)) {
            notes.add("No lockfile: dependency versions are resolved at build time. Commit the lockfile of "
                    + tool.label() + " for reproducible builds.");
        }
        String build = pkg.hasScript("build") ? tool.run("build") : null;
        String framework = framework(pkg);
        NodeDockerfile writer = new NodeDockerfile(files, pkg, tool, image, locked, build);

        if (context.procfileWeb() == null && isStaticFrontEnd(framework, pkg)) {
            String outDir = framework.equals("create-react-app") ? "build" : "dist";
            String server = context.image("static", StaticSiteDetector.IMAGE);
            return Optional.of(plan(
                    framework,
                    tool,
                    version,
                    tool.install(locked, false),
                    build,
                    StaticSiteDetector.START,
                    StaticSiteDetector.PORT,
                    List.of(image, server),
                    writer.staticSite(server, outDir),
                    notes));
        }
        if (context.procfileWeb() == null && "next".equals(framework) && standalone(files)) {
            String start = "node server.js";
            return Optional.of(plan(
                    "next",
                    tool,
                    version,
                    tool.install(locked, false),
                    build,
                    start,
                    PORT,
                    List.of(image),
                    writer.nextStandalone(start),
                    notes));
        }
        String start = context.start(start(files, pkg, tool));
        if (start == null
                && build == null
                && files.first("index.html", "public/index.html").isPresent()) {
            return Optional.empty(); // a static site with a package.json for its dev tools
        }
        if (start == null) {
            notes.add("package.json has no start script, no main and there is no index.js or server.js: add"
                    + " \"scripts\": {\"start\": ...} or a Procfile web: line. "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
            return Optional.of(plan(
                    framework,
                    tool,
                    version,
                    tool.install(locked, false),
                    build,
                    null,
                    PORT,
                    List.of(image),
                    null,
                    notes));
        }
        if (pkg.hasWorkspaces() || pkg.hasInstallScripts()) {
            notes.add("Workspaces or install scripts: the whole source is copied before the dependency install.");
        }
        String dockerfile = writer.server(start, PORT);
        String install = tool.install(locked, build == null && tool != NodeTool.YARN_BERRY);
        return Optional.of(
                plan(framework, tool, version, install, build, start, PORT, List.of(image), dockerfile, notes));
    }

    private static BuildPlan plan(
            String framework,
            NodeTool tool,
            VersionChoice version,
            String install,
            String build,
            String start,
            int port,
            List<String> images,
            String dockerfile,
            List<String> notes) {
        String language = tool == NodeTool.BUN ? "bun" : "node";
        return new BuildPlan(
                language,
                framework,
                tool.label(),
                version,
                install,
                build,
                start,
                port,
                images,
                dockerfile,
                DockerIgnore.with("**/node_modules", ".next", ".nuxt", ".output", "coverage", ".npm"),
                notes);
    }

    /** The dependency that marks each framework, most specific first (a Next app also depends on React). */
    private static final List<Map.Entry<String, String>> FRAMEWORKS = List.of(
            Map.entry("next", "next"),
            Map.entry("nuxt", "nuxt"),
            Map.entry("@sveltejs/kit", "sveltekit"),
            Map.entry("@remix-run/", "remix"),
            Map.entry("@nestjs/core", "nest"),
            Map.entry("react-scripts", "create-react-app"),
            Map.entry("astro", "astro"),
            Map.entry("express", "express"),
            Map.entry("fastify", "fastify"),
            Map.entry("koa", "koa"),
            Map.entry("hono", "hono"),
            Map.entry("vite", "vite"));

    static String framework(NodePackage pkg) {
        for (Map.Entry<String, String> f : FRAMEWORKS) {
            String dependency = f.getKey();
            if (dependency.endsWith("/") ? pkg.dependsOnPrefix(dependency) : pkg.depends(dependency)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** Create React App always builds to files; Vite and Astro do when there is no start script. */
    private static boolean isStaticFrontEnd(String framework, NodePackage pkg) {
        if ("create-react-app".equals(framework)) {
            return pkg.hasScript("build");
        }
        return ("vite".equals(framework) || "astro".equals(framework))
                && pkg.hasScript("build")
                && !pkg.hasScript("start");
    }

    private static boolean standalone(ProjectFiles files) {
        return files.first("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")
                .flatMap(files::read)
                .map(text -> STANDALONE.matcher(text).find())
                .orElse(false);
    }

    private static String start(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        if (pkg.depends("@nestjs/core") && pkg.hasScript("start:prod")) {
            return tool.runtimeRun("start:prod");
        }
        if (pkg.hasScript("start")) {
            String script = pkg.script("start").strip();
            return PLAIN_NODE.matcher(script).matches() && tool != NodeTool.YARN_BERRY
                    ? script
                    : tool.runtimeRun("start");
        }
        String runner = tool == NodeTool.BUN ? "bun " : "node ";
        if (pkg.main() != null && files.isFile(pkg.main())) {
            return runner + pkg.main();
        }
        if (pkg.depends("nuxt")) {
            return "node .output/server/index.mjs";
        }
        List<String> entries = tool == NodeTool.BUN
                ? List.of("index.ts", "server.ts", "index.js", "server.js", "src/index.ts")
                : List.of("index.js", "server.js", "app.js", "main.js", "src/index.js", "src/server.js");
        return files.first(entries.toArray(String[]::new))
                .map(entry -> runner + entry)
                .orElse(null);
    }
}
