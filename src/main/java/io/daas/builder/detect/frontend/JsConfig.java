package io.daas.builder.detect.frontend;

import io.daas.builder.detect.ProjectFiles;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads settings out of JS and TS config files and keeps output folders safe. */
public final class JsConfig {

    private static final Pattern OUT_DIR_FLAG = Pattern.compile("--outDir[= ]['\"]?([^'\"\\s&;|]+)");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?ms)^\\s*/\\*.*?\\*/");
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(^|[\\s;,{}()])//.*$");

    private JsConfig() {}

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

    static Optional<String> flag(String script) {
        Matcher m = OUT_DIR_FLAG.matcher(script == null ? "" : script);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The output folder relative to the project: a Vite outDir is relative to its root. */
    static String join(String root, String dir) {
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
