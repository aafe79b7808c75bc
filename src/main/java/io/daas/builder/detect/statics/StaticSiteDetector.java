package io.daas.builder.detect.statics;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.frontend.FrontEnd;
import io.daas.builder.detect.frontend.JsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plain static sites, served by busybox httpd: a Staticfile (Cloud Foundry's, with its
 * {@code root:} and {@code pushstate:} options), else an index.html at the root or in one of the
 * usual document-root folders (public/, htdocs/, www/, ...).
 */
public final class StaticSiteDetector implements LanguageDetector {

    static final String IMAGE = StaticServer.IMAGE;
    static final int PORT = StaticServer.PORT;
    static final String START = StaticServer.START;

    /** Document-root folders that web servers and buildpacks serve, in the order they are tried. */
    static final List<String> DOCUMENT_ROOTS =
            List.of("public", "htdocs", "www", "html", "site", "static", "app/public", "public_html");

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        if (context.procfileWeb() != null) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        String root;
        boolean spa = false;
        Optional<String> staticfile = files.read("Staticfile");
        if (staticfile.isPresent() || files.isFile("Staticfile")) {
            String text = staticfile.orElse("");
            root = option(text, "root").map(JsConfig::clean).orElse(".");
            if (!root.equals(".") && !files.isDirectory(root)) {
                notes.add("Staticfile root: " + root + " is not a folder of the bundle; serving the bundle root.");
                root = ".";
            }
            spa = option(text, "pushstate").map(v -> v.equals("enabled")).orElse(false);
        } else if (files.isFile("index.html")) {
            root = ".";
        } else {
            Optional<String> folder = DOCUMENT_ROOTS.stream()
                    .filter(dir -> files.isFile(dir + "/index.html"))
                    .findFirst();
            if (folder.isEmpty()) {
                return Optional.empty();
            }
            root = folder.get();
        }
        String image = context.image("static", IMAGE);
        Dockerfile out = new Dockerfile().from(image).copy(root + " /www");
        StaticServer.serve(out, spa ? List.of(FrontEnd.SPA) : List.of("404.html"), false);
        notes.add(
                0,
                "Served as files from " + (root.equals(".") ? "the bundle root" : root + "/") + " by busybox httpd"
                        + (spa ? ", index.html for paths that are no file (Staticfile pushstate)." : "."));
        return Optional.of(new BuildPlan(
                "static",
                null,
                null,
                null,
                null,
                null,
                START,
                PORT,
                List.of(image),
                out.text(),
                DockerIgnore.with("Procfile", ".env", ".env.*"),
                notes));
    }

    /** A {@code key: value} line of a Staticfile, lower-cased for the switches. */
    private static Optional<String> option(String text, String key) {
        return text.lines()
                .map(String::strip)
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(key + ":"))
                .map(line -> line.substring(key.length() + 1).strip())
                .map(v -> key.equals("root") ? v : v.toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty())
                .findFirst();
    }
}
