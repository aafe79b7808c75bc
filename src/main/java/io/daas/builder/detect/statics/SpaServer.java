package io.daas.builder.detect.statics;

import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;

/**
 * Writes the Caddy stage that serves an app which routes on the client: each file as it is, and
 * for every other path the app's fallback page with status 200 (busybox httpd can only answer
 * such paths with its 404 error page).
 */
public final class SpaServer {

    public static final String IMAGE = "caddy:2";
    public static final int PORT = 8080;
    public static final String START = "caddy run --config /etc/caddy/Caddyfile --adapter caddyfile";

    private SpaServer() {}

    /** The Caddyfile: no admin endpoint, $PORT, files first, then the fallback page. */
    static String caddyfile(String fallback) {
        return "{\n\tadmin off\n}\n:{$PORT} {\n\troot * /www\n\ttry_files {path} {path}/ {path}.html /" + fallback
                + "\n\tfile_server\n}\n";
    }

    /**
     * The instructions after FROM and the COPY of the files into /www: the Caddyfile (written with
     * printf, so the generated Dockerfile needs no file of its own) and the start as nobody.
     */
    public static Dockerfile serve(Dockerfile out, String fallback) {
        // The page comes from the project's own config: only a plain relative file name reaches the shell.
        String page = fallback.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
                ? fallback
                : "index.html";
        String printf = caddyfile(page).replace("\n", "\\n").replace("\t", "\\t");
        out.run("printf '" + printf + "' > /etc/caddy/Caddyfile");
        // Caddy keeps its autosaved config and state under XDG folders: writable ones for nobody.
        out.env("XDG_CONFIG_HOME=/tmp/caddy XDG_DATA_HOME=/tmp/caddy");
        return out.serve(PORT, "nobody", Healthcheck.WGET, START, false);
    }

    /** True when the page answers paths that are no file for an app that routes on the client. */
    public static boolean routesOnTheClient(String fallback) {
        return fallback != null && !fallback.equals("404.html");
    }
}
