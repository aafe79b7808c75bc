package io.daas.builder.detect.node;

import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.frontend.AngularApp;
import io.daas.builder.detect.frontend.JsConfig;
import java.util.List;
import java.util.regex.Pattern;

/** The start command of a Node.js server: a production script, a framework's server output, or an entry file. */
final class NodeStart {

    private static final Pattern PLAIN_NODE = Pattern.compile("^node\\s+[\\w./-]+$");
    private static final List<String> SVELTE_CONFIGS = List.of("svelte.config.js", "svelte.config.mjs");

    private NodeStart() {}

    /** The command, or null when there is nothing to start; notes say when a dev server was passed over. */
    static String of(ProjectFiles files, NodePackage pkg, NodeTool tool, List<String> notes) {
        if (pkg.depends("@nestjs/core") && pkg.hasScript("start:prod")) {
            return tool.runtimeRun("start:prod");
        }
        if (pkg.hasScript("start")) {
            if (!DevServers.scriptIsDev(pkg, "start")) {
                String script = pkg.script("start").strip();
                return PLAIN_NODE.matcher(script).matches() && tool != NodeTool.YARN_BERRY
                        ? script
                        : tool.runtimeRun("start");
            }
            notes.add("The start script runs a development server ("
                    + pkg.script("start").strip() + "); the image starts the production build instead.");
        }
        String framework = framework(files, pkg);
        if (framework != null) {
            return framework;
        }
        String runner = tool == NodeTool.BUN ? "bun " : "node ";
        if (pkg.main() != null && files.isFile(pkg.main())) {
            return runner + pkg.main();
        }
        List<String> entries = tool == NodeTool.BUN
                ? List.of("index.ts", "server.ts", "index.js", "server.js", "src/index.ts")
                : List.of("index.js", "server.js", "app.js", "main.js", "src/index.js", "src/server.js");
        return files.first(entries.toArray(String[]::new))
                .map(entry -> runner + entry)
                .orElse(null);
    }

    /** The server a framework's production build writes, started with node. */
    private static String framework(ProjectFiles files, NodePackage pkg) {
        if (pkg.depends("@sveltejs/adapter-node")) {
            String out = JsConfig.setting(JsConfig.firstText(files, SVELTE_CONFIGS), "out")
                    .map(JsConfig::clean)
                    .orElse("build");
            return "node " + out;
        }
        if (pkg.depends("@astrojs/node")) {
            return "HOST=0.0.0.0 node ./dist/server/entry.mjs";
        }
        if (pkg.depends("@angular/ssr") && files.isFile("angular.json")) {
            AngularApp.Project app = AngularApp.Project.read(files);
            if (app != null) {
                String base = app.outputPath().endsWith("/browser")
                        ? app.outputPath().substring(0, app.outputPath().length() - "/browser".length())
                        : app.outputPath();
                return "node " + base + "/server/server.mjs";
            }
        }
        if (pkg.depends("nuxt")) {
            return "node .output/server/index.mjs";
        }
        if (pkg.depends("next") && pkg.hasScript("build")) {
            return "npx --no-install next start";
        }
        if (pkg.depends("@remix-run/serve") && pkg.hasScript("build")) {
            return "npx --no-install remix-serve ./build/server/index.js";
        }
        return null;
    }
}
