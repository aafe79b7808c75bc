package io.daas.builder.detect.node;

import io.daas.builder.detect.ProjectFiles;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Which framework a Node project uses, from its dependencies, and whether Next.js builds standalone. */
final class NodeFrameworks {

    private static final Pattern STANDALONE = Pattern.compile("output\\s*:\\s*['\"]standalone['\"]");

    private NodeFrameworks() {}

    /** The dependency that marks each framework, most specific first (a Next app also depends on React). */
    private static final List<Map.Entry<String, String>> FRAMEWORKS = List.of(
            Map.entry("next", "next"),
            Map.entry("nuxt", "nuxt"),
            Map.entry("@sveltejs/kit", "sveltekit"),
            Map.entry("@remix-run/", "remix"),
            Map.entry("@nestjs/core", "nest"),
            Map.entry("@angular/core", "angular"),
            Map.entry("gatsby", "gatsby"),
            Map.entry("react-scripts", "create-react-app"),
            Map.entry("astro", "astro"),
            Map.entry("express", "express"),
            Map.entry("fastify", "fastify"),
            Map.entry("koa", "koa"),
            Map.entry("hono", "hono"),
            Map.entry("vite", "vite"));

    static String of(NodePackage pkg) {
        for (Map.Entry<String, String> f : FRAMEWORKS) {
            String dependency = f.getKey();
            if (dependency.endsWith("/") ? pkg.dependsOnPrefix(dependency) : pkg.depends(dependency)) {
                return f.getValue();
            }
        }
        return null;
    }

    static boolean nextStandalone(ProjectFiles files) {
        return files.first("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")
                .flatMap(files::read)
                .map(text -> STANDALONE.matcher(text).find())
                .orElse(false);
    }
}
