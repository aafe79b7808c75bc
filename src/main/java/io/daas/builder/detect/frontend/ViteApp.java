package io.daas.builder.detect.frontend;

import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.node.DevServers;
import io.daas.builder.detect.node.NodePackage;
import io.daas.builder.detect.node.NodeTool;
import java.util.List;
import java.util.Optional;

/** A Vite app's static output: its root and outDir (config or --outDir), or the first Vite app of a workspaces root. */
final class ViteApp {

    private static final List<String> VITE_CONFIGS =
            List.of("vite.config.ts", "vite.config.js", "vite.config.mts", "vite.config.mjs", "vite.config.cjs");

    private ViteApp() {}

    /** A Vite app is static unless its start script runs a real server (not vite itself). */
    static Optional<FrontEnd> of(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        if (!pkg.hasScript("build") || (pkg.hasScript("start") && !DevServers.isDevOrPreview(pkg, "start"))) {
            return Optional.empty();
        }
        String config = JsConfig.firstText(files, VITE_CONFIGS);
        if (config.isEmpty() && !files.isFile("index.html") && pkg.hasWorkspaces()) {
            return viteWorkspace(files, pkg, tool);
        }
        String root = JsConfig.setting(config, "root").orElse("");
        String outDir = JsConfig.flag(pkg.script("build"))
                .or(() -> JsConfig.setting(config, "outDir"))
                .orElse("dist");
        return Optional.of(new FrontEnd("vite", JsConfig.join(root, outDir), FrontEnd.SPA, tool.run("build")));
    }

    /**
     * A workspaces root that is no Vite app itself (no config, no index.html) but whose build
     * builds its workspaces: the first workspace that is a Vite app (apps/ first) is served.
     */
    private static Optional<FrontEnd> viteWorkspace(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        List<String> folders = new java.util.ArrayList<>(pkg.workspaceFolders(files));
        folders.sort(java.util.Comparator.comparing(dir -> dir.startsWith("apps/") ? 0 : 1));
        for (String dir : folders) {
            List<String> configs =
                    VITE_CONFIGS.stream().map(name -> dir + "/" + name).toList();
            String config = JsConfig.firstText(files, configs);
            NodePackage member = NodePackage.read(files, dir);
            if (config.isEmpty() || !files.isFile(dir + "/index.html") || !member.hasScript("build")) {
                continue;
            }
            String root = JsConfig.setting(config, "root").orElse("");
            String outDir = JsConfig.flag(member.script("build"))
                    .or(() -> JsConfig.setting(config, "outDir"))
                    .orElse("dist");
            return Optional.of(
                    new FrontEnd("vite", JsConfig.join(dir + "/" + root, outDir), FrontEnd.SPA, tool.run("build")));
        }
        return Optional.empty();
    }
}
