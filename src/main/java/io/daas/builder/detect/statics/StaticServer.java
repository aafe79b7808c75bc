package io.daas.builder.detect.statics;

import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import java.util.List;

/**
 * Writes the busybox httpd stage that serves a folder of files: the page for paths that are no
 * file (busybox's E404 error page: an SPA's index.html or the site's 404 page) and, for sites
 * exported as {@code about.html}, an {@code about/index.html} so {@code /about} is found.
 */
public final class StaticServer {

    public static final String IMAGE = "busybox:1.36";
    public static final int PORT = 8080;
    public static final String START = "httpd -f -v -p $PORT -h /www";

    /** Makes {@code x/index.html} for each {@code x.html}, as hosts with clean URLs serve them. */
    public static final String CLEAN_URLS =
            "cd /www && find . -name '*.html' ! -name index.html ! -name 404.html ! -name 200.html | while read -r f; do"
                    + " d=\"${f%.html}\"; [ -e \"$d/index.html\" ] || { mkdir -p \"$d\" && cp \"$f\" \"$d/index.html\"; };"
                    + " done";

    private StaticServer() {}

    /**
     * The instructions after FROM and the COPY of the files into /www: the error page setting
     * and the start. The first of the fallback pages that exists in the output is served for
     * unknown paths (with busybox's 404 status); none when none exists.
     */
    public static Dockerfile serve(Dockerfile out, List<String> fallbacks, boolean cleanUrls) {
        if (cleanUrls) {
            out.run(CLEAN_URLS);
        }
        StringBuilder conf = new StringBuilder("mkdir -p /etc && : > /etc/httpd.conf && for f in");
        for (String page : fallbacks) {
            conf.append(' ').append(page);
        }
        conf.append("; do if [ -f \"/www/$f\" ]; then echo \"E404:/www/$f\" > /etc/httpd.conf; break; fi; done");
        if (!fallbacks.isEmpty()) {
            out.run(conf.toString());
        }
        return out.serve(PORT, "nobody", Healthcheck.WGET, START, true);
    }
}
