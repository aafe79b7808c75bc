package io.daas.builder.detect;

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
            if (tool.prune() != null) {
                out.run(tool.prune());
            }
            out.from(image).workdir("/app").env("NODE_ENV=production");
            String owner = "next".equals(NodeDetector.framework(pkg)) ? "--chown=" + user() + ":" + user() + " " : "";
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
    String staticSite(String server, String outDir) {
        Dockerfile out = new Dockerfile();
        buildStage(out);
        out.from(server);
        out.copy("--from=build /app/" + outDir + " /www");
        return out.serve(StaticSiteDetector.PORT, "nobody", Healthcheck.WGET, StaticSiteDetector.START, true)
                .text();
    }

    private void buildStage(Dockerfile out) {
        out.from(image, "build").workdir("/app");
        installAndCopy(out, false);
        if (build != null) {
            out.run(build);
        }
    }

    private void installAndCopy(Dockerfile out, boolean production) {
        if (tool == NodeTool.YARN_BERRY) {
            // Corepack fetches yarn once, as root, where the non-root user can still run it.
            out.env("COREPACK_HOME=/opt/corepack");
        }
        if (pkg.hasWorkspaces() || pkg.hasInstallScripts()) {
            out.copy(". .");
            out.run(tool.install(locked, production));
        } else {
            List<String> plain = new ArrayList<>();
            List<String> dirs = new ArrayList<>();
            for (String file : tool.manifestFiles(files)) {
                (files.isDirectory(file) ? dirs : plain).add(file);
            }
            out.copy(String.join(" ", plain) + " ./");
            dirs.forEach(dir -> out.copy(dir + " ./" + dir));
            out.run(tool.install(locked, production));
            out.copy(". .");
        }
        if (tool == NodeTool.YARN_BERRY) {
            out.run("chmod -R a+rX /opt/corepack");
        }
    }

    private String user() {
        return tool == NodeTool.BUN ? "bun" : "node";
    }

    private Healthcheck healthcheck() {
        return tool == NodeTool.BUN ? Healthcheck.BASH : Healthcheck.NODE;
    }
}
