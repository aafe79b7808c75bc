package io.daas.builder.detect.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises scripts that start a development server, which a generated image must never run. */
public final class DevServers {

    private static final Pattern DEV = Pattern.compile("(^|[\\s;&|(])(ng\\s+serve|ng\\s+s(?=$|\\s)"
            + "|vite(?=$|[\\s;&|)])(?!\\s+(build|preview|optimize))|next\\s+dev|nuxt\\s+dev|nuxi\\s+dev"
            + "|react-scripts\\s+start|vue-cli-service\\s+serve|astro\\s+dev|svelte-kit\\s+dev|webpack-dev-server"
            + "|webpack\\s+serve|parcel(?!\\s+build)(?=$|\\s)|nx\\s+serve|remix\\s+dev|gatsby\\s+develop"
            + "|nodemon|ts-node-dev)");
    private static final Pattern PREVIEW = Pattern.compile("(^|[\\s;&|])(vite\\s+preview|astro\\s+preview|serve\\b"
            + "|http-server\\b|live-server\\b|sirv\\b|nuxi\\s+preview|nuxt\\s+preview)");
    private static final Pattern RUNS_SCRIPT =
            Pattern.compile("^(npm\\s+run|pnpm(\\s+run)?|yarn(\\s+run)?|bun\\s+run)" + "\\s+([\\w:.-]+)\\s*$");

    private DevServers() {}

    /** Whether the command starts a development server (ng serve, vite, next dev, ...). */
    public static boolean isDev(String command) {
        return command != null && DEV.matcher(command.strip()).find();
    }

    /**
     * Whether a package.json script starts a dev server or a preview server (one level of
     * {@code npm run other} followed).
     */
    public static boolean isDevOrPreview(NodePackage pkg, String script) {
        String command = pkg.script(script);
        if (command == null) {
            return false;
        }
        Matcher m = RUNS_SCRIPT.matcher(command.strip());
        if (m.matches() && pkg.hasScript(m.group(4)) && !m.group(4).equals(script)) {
            command = pkg.script(m.group(4));
        }
        return isDev(command) || PREVIEW.matcher(command.strip()).find();
    }

    /** Whether a package.json script starts a dev server (one level of {@code npm run other} followed). */
    static boolean scriptIsDev(NodePackage pkg, String script) {
        String command = pkg.script(script);
        if (command == null) {
            return false;
        }
        Matcher m = RUNS_SCRIPT.matcher(command.strip());
        if (m.matches() && pkg.hasScript(m.group(4)) && !m.group(4).equals(script)) {
            command = pkg.script(m.group(4));
        }
        return isDev(command);
    }
}
