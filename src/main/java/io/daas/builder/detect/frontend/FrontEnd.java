package io.daas.builder.detect.frontend;

import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.node.DevServers;
import io.daas.builder.detect.node.NodePackage;
import io.daas.builder.detect.node.NodeTool;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A front end whose build is a folder of files: where the framework writes them and which page
 * answers paths that are no file (the SPA fallback, or the site's 404 page).
 *
 * @param framework the framework named in the plan
 * @param outDir the output folder, relative to the project root
 * @param fallback the page served for paths that are no file, relative to the output folder
 * @param build the command that writes the files
 */
public record FrontEnd(String framework, String outDir, String fallback, String build) {

    /** Single-page apps route on the client: every unknown path gets index.html. */
    public static final String SPA = "index.html";

    private static final List<String> NEXT_CONFIGS =
            List.of("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs");
    private static final List<String> ASTRO_CONFIGS =
            List.of("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts");
    private static final List<String> SVELTE_CONFIGS = List.of("svelte.config.js", "svelte.config.mjs");
    private static final List<String> NUXT_CONFIGS = List.of("nuxt.config.ts", "nuxt.config.js", "nuxt.config.mjs");
    private static final Pattern NEXT_EXPORT = Pattern.compile("output\\s*:\\s*['\"]export['\"]");
    private static final Pattern CRA_BUILD_PATH = Pattern.compile("\\bBUILD_PATH=['\"]?([\\w./-]+)");
    private static final Pattern CRA_MOVED =
            Pattern.compile("react-scripts build.*?\\bmv\\s+(?:-\\w+\\s+)*(?:\\./)?build/?\\s+([\\w./-]+)");
    private static final Pattern ASTRO_SERVER = Pattern.compile("output\\s*:\\s*['\"](server|hybrid)['\"]");

    /**
     * The front end when this Node project builds to static files, else empty. Frameworks that
     * also run as servers (Next, Astro, SvelteKit, Nuxt, Angular) count only when their own
     * settings say the output is static.
     */
    public static Optional<FrontEnd> of(ProjectFiles files, NodePackage pkg, NodeTool tool, String framework) {
        if (pkg.depends("@angular/core") && files.isFile("angular.json")) {
            return AngularApp.frontEnd(files, pkg, tool);
        }
        if (framework == null) {
            return pkg.depends("@vue/cli-service") && pkg.hasScript("build")
                    ? Optional.of(new FrontEnd("vue", "dist", SPA, tool.run("build")))
                    : Optional.empty();
        }
        return switch (framework) {
            case "create-react-app" ->
                pkg.hasScript("build")
                        ? Optional.of(new FrontEnd(framework, craOutput(pkg.script("build")), SPA, tool.run("build")))
                        : Optional.empty();
            case "vite" -> ViteApp.of(files, pkg, tool);
            case "next" -> nextExport(files, pkg, tool);
            case "astro" -> astro(files, pkg, tool);
            case "sveltekit" -> svelteKitStatic(files, pkg, tool);
            case "nuxt" -> nuxtGenerate(files, pkg, tool);
            case "gatsby" -> gatsby(pkg, tool);
            default -> Optional.empty();
        };
    }

    /**
     * Where a create-react-app build script leaves the files: build/, unless it sets BUILD_PATH or
     * moves build/ elsewhere ({@code react-scripts build && mv build _static}).
     */
    public static String craOutput(String script) {
        Matcher path = CRA_BUILD_PATH.matcher(script);
        if (path.find()) {
            return JsConfig.clean(path.group(1));
        }
        Matcher moved = CRA_MOVED.matcher(script);
        return moved.find() ? JsConfig.clean(moved.group(1)) : "build";
    }

    private static Optional<FrontEnd> nextExport(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        String config = JsConfig.firstText(files, NEXT_CONFIGS);
        boolean export = NEXT_EXPORT.matcher(config).find()
                || (pkg.hasScript("build") && pkg.script("build").contains("next export"));
        if (!export || !pkg.hasScript("build")) {
            return Optional.empty();
        }
        // With output: 'export', distDir (when set) is where the files go instead of out/.
        String outDir = NEXT_EXPORT.matcher(config).find()
                ? JsConfig.setting(config, "distDir").orElse("out")
                : "out";
        return Optional.of(new FrontEnd("next", JsConfig.clean(outDir), "404.html", tool.run("build")));
    }

    /** Gatsby always builds to public/ and its 404 page; its start script is the dev server. */
    private static Optional<FrontEnd> gatsby(NodePackage pkg, NodeTool tool) {
        String build = pkg.hasScript("build") && !DevServers.isDev(pkg.script("build"))
                ? tool.run("build")
                : tool.exec("gatsby build");
        return Optional.of(new FrontEnd("gatsby", "public", "404.html", build));
    }

    private static Optional<FrontEnd> astro(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        String config = JsConfig.firstText(files, ASTRO_CONFIGS);
        if (!pkg.hasScript("build") || ASTRO_SERVER.matcher(config).find() || pkg.dependsOnPrefix("@astrojs/node")) {
            return Optional.empty();
        }
        String outDir = JsConfig.setting(config, "outDir").orElse("dist");
        return Optional.of(new FrontEnd("astro", JsConfig.clean(outDir), "404.html", tool.run("build")));
    }

    private static Optional<FrontEnd> svelteKitStatic(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        if (!pkg.depends("@sveltejs/adapter-static") || !pkg.hasScript("build")) {
            return Optional.empty();
        }
        String config = JsConfig.firstText(files, SVELTE_CONFIGS);
        String pages = JsConfig.setting(config, "pages").orElse("build");
        // adapter-static's fallback option names the SPA page; without one the pages are prerendered.
        String fallback = JsConfig.setting(config, "fallback").orElse("404.html");
        return Optional.of(new FrontEnd("sveltekit", JsConfig.clean(pages), fallback, tool.run("build")));
    }

    /** Nuxt is static with {@code nuxt generate}, or with ssr: false / the static preset and a build. */
    private static Optional<FrontEnd> nuxtGenerate(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        String config = JsConfig.firstText(files, NUXT_CONFIGS);
        boolean generateBuild = pkg.hasScript("build") && pkg.script("build").contains("generate");
        boolean staticConfig = config.matches("(?s).*ssr\\s*:\\s*false.*")
                || config.matches("(?s).*preset\\s*:\\s*['\"]static['\"].*");
        String build;
        if (generateBuild) {
            build = tool.run("build");
        } else if (pkg.hasScript("generate") && (staticConfig || !pkg.hasScript("start"))) {
            build = tool.run("generate");
        } else {
            return Optional.empty();
        }
        String version = pkg.dependencyVersion("nuxt");
        boolean nuxt2 = version != null && version.replaceAll("[^0-9.]", "").startsWith("2");
        return Optional.of(new FrontEnd("nuxt", nuxt2 ? "dist" : ".output/public", "200.html", build));
    }
}
