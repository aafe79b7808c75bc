package io.daas.builder.detect.frontend;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.node.DevServers;
import io.daas.builder.detect.node.NodePackage;
import io.daas.builder.detect.node.NodeTool;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

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

    private static final List<String> VITE_CONFIGS =
            List.of("vite.config.ts", "vite.config.js", "vite.config.mts", "vite.config.mjs", "vite.config.cjs");
    private static final List<String> NEXT_CONFIGS =
            List.of("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs");
    private static final List<String> ASTRO_CONFIGS =
            List.of("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts");
    private static final List<String> SVELTE_CONFIGS = List.of("svelte.config.js", "svelte.config.mjs");
    private static final List<String> NUXT_CONFIGS = List.of("nuxt.config.ts", "nuxt.config.js", "nuxt.config.mjs");
    private static final Pattern OUT_DIR_FLAG = Pattern.compile("--outDir[= ]['\"]?([^'\"\\s&;|]+)");
    private static final Pattern NEXT_EXPORT = Pattern.compile("output\\s*:\\s*['\"]export['\"]");
    private static final Pattern CRA_BUILD_PATH = Pattern.compile("\\bBUILD_PATH=['\"]?([\\w./-]+)");
    private static final Pattern CRA_MOVED =
            Pattern.compile("react-scripts build.*?\\bmv\\s+(?:-\\w+\\s+)*(?:\\./)?build/?\\s+([\\w./-]+)");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?ms)^\\s*/\\*.*?\\*/");
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(^|[\\s;,{}()])//.*$");
    private static final Pattern ASTRO_SERVER = Pattern.compile("output\\s*:\\s*['\"](server|hybrid)['\"]");

    /**
     * The front end when this Node project builds to static files, else empty. Frameworks that
     * also run as servers (Next, Astro, SvelteKit, Nuxt, Angular) count only when their own
     * settings say the output is static.
     */
    public static Optional<FrontEnd> of(ProjectFiles files, NodePackage pkg, NodeTool tool, String framework) {
        if (pkg.depends("@angular/core") && files.isFile("angular.json")) {
            return angular(files, pkg, tool);
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
            case "vite" -> vite(files, pkg, tool);
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
            return clean(path.group(1));
        }
        Matcher moved = CRA_MOVED.matcher(script);
        return moved.find() ? clean(moved.group(1)) : "build";
    }

    /** A Vite app is static unless its start script runs a real server (not vite itself). */
    private static Optional<FrontEnd> vite(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        if (!pkg.hasScript("build") || (pkg.hasScript("start") && !DevServers.isDevOrPreview(pkg, "start"))) {
            return Optional.empty();
        }
        String config = firstText(files, VITE_CONFIGS);
        if (config.isEmpty() && !files.isFile("index.html") && pkg.hasWorkspaces()) {
            return viteWorkspace(files, pkg, tool);
        }
        String root = setting(config, "root").orElse("");
        String outDir =
                flag(pkg.script("build")).or(() -> setting(config, "outDir")).orElse("dist");
        return Optional.of(new FrontEnd("vite", join(root, outDir), SPA, tool.run("build")));
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
            String config = firstText(files, configs);
            NodePackage member = NodePackage.read(files, dir);
            if (config.isEmpty() || !files.isFile(dir + "/index.html") || !member.hasScript("build")) {
                continue;
            }
            String root = setting(config, "root").orElse("");
            String outDir = flag(member.script("build"))
                    .or(() -> setting(config, "outDir"))
                    .orElse("dist");
            return Optional.of(new FrontEnd("vite", join(dir + "/" + root, outDir), SPA, tool.run("build")));
        }
        return Optional.empty();
    }

    private static Optional<FrontEnd> nextExport(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        String config = firstText(files, NEXT_CONFIGS);
        boolean export = NEXT_EXPORT.matcher(config).find()
                || (pkg.hasScript("build") && pkg.script("build").contains("next export"));
        if (!export || !pkg.hasScript("build")) {
            return Optional.empty();
        }
        // With output: 'export', distDir (when set) is where the files go instead of out/.
        String outDir =
                NEXT_EXPORT.matcher(config).find() ? setting(config, "distDir").orElse("out") : "out";
        return Optional.of(new FrontEnd("next", clean(outDir), "404.html", tool.run("build")));
    }

    /** Gatsby always builds to public/ and its 404 page; its start script is the dev server. */
    private static Optional<FrontEnd> gatsby(NodePackage pkg, NodeTool tool) {
        String build = pkg.hasScript("build") && !DevServers.isDev(pkg.script("build"))
                ? tool.run("build")
                : tool.exec("gatsby build");
        return Optional.of(new FrontEnd("gatsby", "public", "404.html", build));
    }

    private static Optional<FrontEnd> astro(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        String config = firstText(files, ASTRO_CONFIGS);
        if (!pkg.hasScript("build") || ASTRO_SERVER.matcher(config).find() || pkg.dependsOnPrefix("@astrojs/node")) {
            return Optional.empty();
        }
        String outDir = setting(config, "outDir").orElse("dist");
        return Optional.of(new FrontEnd("astro", clean(outDir), "404.html", tool.run("build")));
    }

    private static Optional<FrontEnd> svelteKitStatic(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        if (!pkg.depends("@sveltejs/adapter-static") || !pkg.hasScript("build")) {
            return Optional.empty();
        }
        String config = firstText(files, SVELTE_CONFIGS);
        String pages = setting(config, "pages").orElse("build");
        // adapter-static's fallback option names the SPA page; without one the pages are prerendered.
        String fallback = setting(config, "fallback").orElse("404.html");
        return Optional.of(new FrontEnd("sveltekit", clean(pages), fallback, tool.run("build")));
    }

    /** Nuxt is static with {@code nuxt generate}, or with ssr: false / the static preset and a build. */
    private static Optional<FrontEnd> nuxtGenerate(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        String config = firstText(files, NUXT_CONFIGS);
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

    /** Angular's browser output: outputPath (plus browser/ for the application builder); SSR is a server. */
    private static Optional<FrontEnd> angular(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        Angular app = Angular.read(files);
        if (app == null || app.ssr() || pkg.depends("@angular/ssr") || pkg.depends("@nguniversal/express-engine")) {
            return Optional.empty();
        }
        String build = pkg.hasScript("build") && !DevServers.isDev(pkg.script("build"))
                ? tool.run("build")
                : tool.exec("ng build");
        return Optional.of(new FrontEnd("angular", app.browserOutput(), SPA, build));
    }

    /** The project of angular.json that is built: defaultProject, else the first application. */
    public record Angular(String name, String outputPath, boolean applicationBuilder, boolean ssr) {

        public static Angular read(ProjectFiles files) {
            JsonNode json = Manifests.json(files.read("angular.json"));
            JsonNode projects = json.path("projects");
            String name = Manifests.text(json, "defaultProject");
            if (name == null || !projects.has(name)) {
                name = null;
                for (String candidate : projects.propertyNames()) {
                    if (!"library".equals(Manifests.text(projects.path(candidate), "projectType"))) {
                        name = candidate;
                        break;
                    }
                }
            }
            if (name == null) {
                return null;
            }
            JsonNode build = projects.path(name).path("architect").path("build");
            if (build.isMissingNode()) {
                build = projects.path(name).path("targets").path("build");
            }
            String builder = Manifests.text(build, "builder");
            JsonNode options = build.path("options");
            JsonNode output = options.path("outputPath");
            String outputPath = output.isString() ? output.stringValue() : Manifests.text(output, "base");
            String browser = output.isObject() ? Manifests.text(output, "browser") : null;
            boolean application = builder != null && builder.endsWith(":application");
            if (outputPath == null) {
                outputPath = "dist/" + name;
            }
            if (application) {
                outputPath = join(outputPath, browser == null ? "browser" : browser);
            }
            boolean ssr = options.has("server")
                    || options.path("ssr").isObject()
                    || options.path("ssr").asBoolean(false);
            return new Angular(name, clean(outputPath), application, ssr);
        }

        String browserOutput() {
            return outputPath;
        }
    }

    /**
     * The text of the first config file present without its comments, or "" (regexes then find
     * nothing): a commented-out {@code // output: "export"} is no setting.
     */
    public static String firstText(ProjectFiles files, List<String> names) {
        for (String name : names) {
            Optional<String> text = files.read(name);
            if (text.isPresent()) {
                return uncommented(text.get());
            }
        }
        return "";
    }

    /**
     * JS/TS source without its line comments and the block comments that open a line. A
     * {@code //} right after a colon (a URL in a string) is kept.
     */
    public static String uncommented(String source) {
        String noBlocks = BLOCK_COMMENT.matcher(source).replaceAll("");
        return LINE_COMMENT.matcher(noBlocks).replaceAll("$1");
    }

    /** A string setting of a JS or TS config file ({@code key: 'value'}), ignoring comment lines. */
    public static Optional<String> setting(String config, String key) {
        Matcher m = Pattern.compile("(?m)^(?!\\s*//).*?\\b" + Pattern.quote(key) + "\\s*:\\s*['\"`]([^'\"`]+)['\"`]")
                .matcher(config);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> flag(String script) {
        Matcher m = OUT_DIR_FLAG.matcher(script == null ? "" : script);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The output folder relative to the project: a Vite outDir is relative to its root. */
    private static String join(String root, String dir) {
        String joined = java.nio.file.Path.of(root.isBlank() ? "." : root.strip())
                .resolve(dir.strip())
                .normalize()
                .toString()
                .replace('\\', '/');
        return joined.isEmpty() ? "." : clean(joined);
    }

    /** "./dist/" -> "dist"; a path that climbs out or is absolute keeps only its safe last part. */
    public static String clean(String dir) {
        String d = dir.strip().replace('\\', '/');
        while (d.startsWith("./")) {
            d = d.substring(2);
        }
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.startsWith("/") || d.contains("..") || !d.matches("[A-Za-z0-9._@/+-]*")) {
            return "dist";
        }
        return d;
    }
}
