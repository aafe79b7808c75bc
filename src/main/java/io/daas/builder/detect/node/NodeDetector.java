package io.daas.builder.detect.node;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import io.daas.builder.detect.frontend.FrontEnd;
import io.daas.builder.detect.statics.StaticServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Node.js projects (package.json): npm, yarn, pnpm, bun; servers, Next.js standalone, Nx
 * workspaces, and front ends built to static files.
 */
public final class NodeDetector implements LanguageDetector {

    static final int PORT = 3000;

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        if (!files.isFile("package.json")) {
            return Optional.empty();
        }
        NodePackage pkg = NodePackage.read(files);
        NodeTool tool = NodeTool.detect(files, pkg);
        List<String> notes = new ArrayList<>();
        VersionChoice version = tool == NodeTool.BUN
                ? VersionChoice.defaulted("1")
                : context.version() != null
                        ? NodeVersions.resolve(context.version(), "version " + context.version(), notes)
                        : NodeVersions.choose(files, pkg, notes);
        String image = tool == NodeTool.BUN
                ? context.image("bun", "oven/bun:1")
                : context.image("node", "node:" + version.value() + "-slim");
        boolean locked = tool.hasLockfile(files);
        if (!locked && !NodePackage.dependencyFree(pkg)) {
            notes.add("No lockfile: dependency versions are resolved at build time. Commit the lockfile of "
                    + tool.label() + " for reproducible builds.");
        }
        if (locked && tool == NodeTool.NPM) {
            Optional<String> mismatch = NpmLock.mismatch(files, pkg);
            if (mismatch.isPresent()) {
                locked = false;
                notes.add("package-lock.json is out of sync with package.json (" + mismatch.get() + "): npm ci would"
                        + " refuse it, so the image runs npm install instead. Run npm install and commit"
                        + " package-lock.json for reproducible builds.");
            }
        }
        String framework = NodeFrameworks.of(pkg);
        Facts facts = new Facts(context, pkg, tool, version, image, locked, notes);

        Optional<NxWorkspace> nx = NxWorkspace.read(files, tool);
        if (context.procfileWeb() == null && nx.isPresent()) {
            return Optional.of(nx(facts, nx.get(), framework));
        }
        if (context.procfileWeb() == null) {
            Optional<FrontEnd> front = FrontEnd.of(files, pkg, tool, framework);
            String outputDir = context.config().outputDir();
            if (outputDir != null) {
                // the output folder was named: a front end whatever the framework
                String dir = ProjectConfig.folder(outputDir);
                front = Optional.of(front.map(f -> new FrontEnd(f.framework(), dir, f.fallback(), f.build()))
                        .orElse(new FrontEnd(framework, dir, FrontEnd.SPA, tool.run("build"))));
            }
            if (front.isPresent()) {
                return Optional.of(staticSite(facts, front.get()));
            }
        }
        String build = pkg.hasScript("build") ? tool.run("build") : null;
        NodeDockerfile writer = new NodeDockerfile(files, pkg, tool, image, locked, build);
        if (context.procfileWeb() == null && "next".equals(framework) && NodeFrameworks.nextStandalone(files)) {
            String start = "node server.js";
            return Optional.of(facts.plan(
                    "next",
                    tool.install(locked, false),
                    build,
                    start,
                    PORT,
                    List.of(image),
                    writer.nextStandalone(start)));
        }
        String start = context.start(NodeStart.of(files, pkg, tool, notes));
        if (start == null
                && build == null
                && files.first("index.html", "public/index.html").isPresent()) {
            return Optional.empty(); // a static site with a package.json for its dev tools
        }
        if (start == null) {
            notes.add("package.json has no start script, no main and there is no index.js or server.js: add"
                    + " \"scripts\": {\"start\": ...} or a Procfile web: line. "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
            return Optional.of(
                    facts.plan(framework, tool.install(locked, false), build, null, PORT, List.of(image), null));
        }
        if (pkg.hasWorkspaces() || pkg.hasInstallScripts()) {
            notes.add("Workspaces or install scripts: the whole source is copied before the dependency install.");
        }
        String dockerfile = writer.server(start, PORT);
        String install = tool.install(locked, build == null && tool != NodeTool.YARN_BERRY);
        return Optional.of(facts.plan(framework, install, build, start, PORT, List.of(image), dockerfile));
    }

    private static BuildPlan staticSite(Facts facts, FrontEnd front) {
        String server = facts.context.image("static", StaticServer.IMAGE);
        NodeDockerfile writer = new NodeDockerfile(
                facts.context.files(), facts.pkg, facts.tool, facts.image, facts.locked, front.build());
        facts.notes.add("Built with " + front.build() + "; " + front.outDir() + "/ is served by busybox httpd"
                + (front.fallback().equals(FrontEnd.SPA)
                        ? ", index.html for every path that is no file (the app routes on the client)."
                        : front.fallback().equals("404.html")
                                ? ", its 404.html (when there is one) for paths that are no file."
                                : ", " + front.fallback() + " (else 404.html) for paths that are no file."));
        return facts.plan(
                front.framework(),
                facts.tool.install(facts.locked, false),
                front.build(),
                StaticServer.START,
                StaticServer.PORT,
                List.of(facts.image, server),
                writer.staticSite(server, front));
    }

    private static BuildPlan nx(Facts facts, NxWorkspace nx, String framework) {
        if (!nx.others().isEmpty()) {
            facts.notes.add("Nx workspace with several applications; building " + nx.app() + " (others: " + nx.others()
                    + "). Name another in a daas.json to build it instead.");
        }
        if (!nx.server()) {
            return staticSite(facts, new FrontEnd("nx", nx.outputPath(), FrontEnd.SPA, nx.build()));
        }
        String start = nx.start();
        NodeDockerfile writer =
                new NodeDockerfile(facts.context.files(), facts.pkg, facts.tool, facts.image, facts.locked, nx.build());
        return facts.plan(
                framework == null ? "nx" : framework,
                facts.tool.install(facts.locked, false),
                nx.build(),
                start,
                PORT,
                List.of(facts.image),
                writer.server(start, PORT));
    }

    /** What every Node plan of one project shares. */
    private record Facts(
            DetectionContext context,
            NodePackage pkg,
            NodeTool tool,
            VersionChoice version,
            String image,
            boolean locked,
            List<String> notes) {

        BuildPlan plan(
                String framework,
                String install,
                String build,
                String start,
                int port,
                List<String> images,
                String dockerfile) {
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
    }
}
