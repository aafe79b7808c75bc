package io.daas.builder.detect;

import java.util.List;
import java.util.Optional;

/** Plain static sites (an index.html at the root or under public/), served by busybox httpd. */
final class StaticSiteDetector implements LanguageDetector {

    static final String IMAGE = "busybox:1.36";
    static final int PORT = 8080;
    static final String START = "httpd -f -v -p $PORT -h /www";

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        if (context.procfileWeb() != null) {
            return Optional.empty();
        }
        String root;
        if (files.isFile("index.html")) {
            root = ".";
        } else if (files.isFile("public/index.html")) {
            root = "public";
        } else {
            return Optional.empty();
        }
        String image = context.image("static", IMAGE);
        String dockerfile = new Dockerfile()
                .from(image)
                .copy(root + " /www")
                .serve(PORT, "nobody", Healthcheck.WGET, START, true)
                .text();
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
                dockerfile,
                DockerIgnore.with("Procfile", ".env", ".env.*"),
                List.of("Served as files from " + (root.equals(".") ? "the bundle root" : root + "/")
                        + " by busybox httpd.")));
    }
}
