package io.daas.builder.detect.node;

import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.frontend.FrontEnd;
import io.daas.builder.detect.statics.StaticServer;
import java.util.ArrayList;
import java.util.List;

/** Writes Dockerfiles for Node.js and Bun projects: dependencies first, then the source. */
final class NodeDockerfile {

    private final ProjectFiles files;
    private final NodePackage pkg;
    private final NodeTool tool;
    private final String image;
    private final boolean locked;
    private final String build;

    NodeDockerfile(ProjectFiles files, NodePackage pkg, NodeTool tool, String image, boolean locked, String build) {
        this.files = files;
        this.pkg = pkg;
        this.tool = tool;
        this.image = image;
        this.locked = locked;
        this.build = build;
    }

    /** A server: one stage when there is nothing to build, else build then copy to a clean stage. */
    String server(String start, int port) {
        Dockerfile out = new Dockerfile();
        boolean multiStage = build != null && tool != NodeTool.YARN_BERRY;
        if (!multiStage) {
            out.from(image).workdir("/app");
            installAndCopy(out, build == null && tool != NodeTool.YARN_BERRY);
            if (build != null) {
                out.run(build);
            }
            out.env("NODE_ENV=production");
        } else {
            buildStage(out);
            // pnpm cannot prune a workspace; its packages link into the root store, kept whole.
            if (tool.prune() != null && !(tool == NodeTool.PNPM && pkg.hasWorkspaces())) {
                out.run(tool.prune());
            }
            out.from(image).workdir("/app").env("NODE_ENV=production");
            if (startUsesTool()) {
                // the start script calls the package manager: the runtime needs it too
                out.env("COREPACK_HOME=/opt/corepack");
                out.copy("--from=build /opt/corepack /opt/corepack");
                out.run("corepack enable");
            }
            String owner = "next".equals(NodeFrameworks.of(pkg)) ? "--chown=" + user() + ":" + user() + " " : "";
            out.copy("--from=build " + owner + "/app /app");
        }
        return out.serve(port, user(), healthcheck(), start, true).text();
    }

    /** Next.js "output: standalone": only the traced server and static assets reach the runtime. */
    String nextStandalone(String start) {
        Dockerfile out = new Dockerfile();
        buildStage(out);
        out.from(image).workdir("/app").env("NODE_ENV=production HOSTNAME=0.0.0.0");
        if (files.isDirectory("public")) {
            out.copy("--from=build /app/public ./public");
        }
        String owner = "--chown=" + user() + ":" + user();
        out.copy("--from=build " + owner + " /app/.next/standalone ./");
        out.copy("--from=build " + owner + " /app/.next/static ./.next/static");
        return out.serve(NodeDetector.PORT, user(), healthcheck(), start, true).text();
    }

    /** A front end built to static files and served by busybox httpd. */
    String staticSite(String server, FrontEnd front) {
        Dockerfile out = new Dockerfile();
        buildStage(out);
        out.from(server);
        out.copy("--from=build /app/" + front.outDir() + " /www");
        List<String> fallbacks =
                front.fallback().equals("404.html") ? List.of("404.html") : List.of(front.fallback(), "404.html");
        return StaticServer.serve(out, fallbacks, !front.fallback().equals(FrontEnd.SPA))
                .text();
    }

    private void buildStage(Dockerfile out) {
        out.from(image, "build").workdir("/app");
        installAndCopy(out, false);
        if (build != null) {
            out.run(build);
        }
    }

    /** Whether the start script runs pnpm or yarn, which only corepack provides in node images. */
    private boolean startUsesTool() {
        String start = pkg.script("start");
        return (tool == NodeTool.PNPM || tool == NodeTool.YARN_BERRY)
                && start != null
                && start.matches("(?s).*\\b(pnpm|yarn)\\b.*");
    }

    private void installAndCopy(Dockerfile out, boolean production) {
        if (tool == NodeTool.YARN_BERRY || startUsesTool()) {
            // Corepack fetches yarn once, as root, where the non-root user can still run it.
            out.env("COREPACK_HOME=/opt/corepack");
        }
        if (pkg.hasWorkspaces() || pkg.hasInstallScripts()) {
            out.copy(". .");
            out.run(install(production));
        } else {
            List<String> plain = new ArrayList<>();
            List<String> dirs = new ArrayList<>();
            for (String file : tool.manifestFiles(files)) {
                (files.isDirectory(file) ? dirs : plain).add(file);
            }
            out.copy(String.join(" ", plain) + " ./");
            dirs.forEach(dir -> out.copy(dir + " ./" + dir));
            out.run(install(production));
            out.copy(". .");
        }
        if (tool == NodeTool.YARN_BERRY || startUsesTool()) {
            out.run("mkdir -p /opt/corepack && chmod -R a+rX /opt/corepack");
        }
    }

    /**
     * The install command; pnpm without a packageManager field is pinned to the major that wrote
     * pnpm-lock.yaml (corepack would take the newest, which refuses an older lockfile as frozen).
     */
    private String install(boolean production) {
        String command = tool.install(locked, production);
        String pnpm = tool == NodeTool.PNPM && pkg.packageManager() == null ? pnpmForLockfile(files) : null;
        return pnpm == null
                ? command
                : command.replace(
                        "corepack enable && ", "corepack enable && corepack prepare pnpm@" + pnpm + " --activate && ");
    }

    /** The pnpm major that writes the lockfile's version (5.3: 6, 5.4: 7, 6.x: 8), or null for 9 and later. */
    static String pnpmForLockfile(ProjectFiles files) {
        String first = files.firstLine("pnpm-lock.yaml").orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lockfileVersion:\\s*['\"]?(\\d+)\\.(\\d+)")
                .matcher(first);
        if (!m.find()) {
            return null;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 6) {
            return "8";
        }
        if (major == 5) {
            return minor >= 4 ? "7" : "6";
        }
        return null;
    }

    private String user() {
        return tool == NodeTool.BUN ? "bun" : "node";
    }

    private Healthcheck healthcheck() {
        return tool == NodeTool.BUN ? Healthcheck.BASH : Healthcheck.NODE;
    }
}
