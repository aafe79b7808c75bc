package io.daas.builder.detect.config;

import io.daas.builder.detect.ProjectConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules a daas.json or buildOptions must keep: names, commands, paths and sizes that are safe in a Dockerfile. */
public final class ProjectConfigRules {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern DEBIAN_PACKAGE =
            Pattern.compile("[a-z0-9][a-z0-9+.-]{0,99}(=[A-Za-z0-9.+:~-]{1,64})?");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_~^=<>*-]{0,31}");
    private static final Pattern BAD_CHARS = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\x{85}]");
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9._@/+-]+");
    private static final int MAX_COMMAND = 4096;
    private static final int MAX_ENTRIES = 100;

    private ProjectConfigRules() {}

    /** What is wrong with the fields, each message starting with the prefix ("buildOptions." or "daas.json "). */
    public static List<String> problems(ProjectConfig config, String prefix) {
        List<String> out = new ArrayList<>();
        if (config.language() != null
                && !ProjectConfig.LANGUAGES.contains(config.language().toLowerCase(Locale.ROOT))) {
            out.add(prefix + "language must be one of "
                    + ProjectConfig.LANGUAGES.stream().sorted().toList());
        }
        if (config.version() != null
                && !VERSION.matcher(config.version().strip()).matches()) {
            out.add(prefix + "version must be a version like 20, 3.12 or 1.88.0");
        }
        if (config.directory() != null && !safePath(config.directory())) {
            out.add(prefix + "directory must be a relative folder inside the bundle, like apps/web (no '..')");
        }
        if (config.outputDir() != null
                && !(safePath(config.outputDir())
                        && FOLDER.matcher(config.outputDir().strip()).matches())) {
            out.add(prefix + "outputDir must be a relative folder of the build, like dist (no '..'; only letters,"
                    + " digits and . _ @ + - /)");
        }
        for (String[] command : new String[][] {
            {"installCommand", config.installCommand()},
            {"buildCommand", config.buildCommand()},
            {"startCommand", config.startCommand()}
        }) {
            String value = command[1];
            if (value != null
                    && (value.isBlank()
                            || value.length() > MAX_COMMAND
                            || BAD_CHARS.matcher(value).find()
                            || value.stripTrailing().endsWith("\\"))) {
                out.add(prefix + command[0] + " must be one line of at most " + MAX_COMMAND
                        + " characters, not ending in '\\' (it would continue into the next step)");
            }
        }
        if (config.port() != null && (config.port() < 1 || config.port() > 65535)) {
            out.add(prefix + "port must be a whole number from 1 to 65535");
        }
        if (config.osPackages() != null) {
            if (config.osPackages().size() > MAX_ENTRIES) {
                out.add(prefix + "osPackages may hold at most " + MAX_ENTRIES + " packages");
            }
            for (String name : config.osPackages()) {
                if (name == null || !DEBIAN_PACKAGE.matcher(name).matches()) {
                    out.add(prefix + "osPackages entry '" + printable(name)
                            + "' is not a Debian package name (lower-case letters, digits, '+', '.', '-',"
                            + " optionally =version)");
                }
            }
        }
        env(prefix + "buildEnv", config.buildEnv(), out);
        env(prefix + "runEnv", config.runEnv(), out);
        return out;
    }

    private static void env(String field, Map<String, String> values, List<String> out) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_ENTRIES) {
            out.add(field + " may hold at most " + MAX_ENTRIES + " entries");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                out.add(field + " name '" + printable(e.getKey())
                        + "' is not an environment variable name (letters, digits, '_')");
            } else if (e.getValue() == null
                    || e.getValue().length() > MAX_COMMAND
                    || BAD_CHARS.matcher(e.getValue()).find()) {
                out.add(field + "." + e.getKey() + " must be a string of at most " + MAX_COMMAND
                        + " characters without newlines");
            }
        }
    }

    private static boolean safePath(String path) {
        String p = path.strip();
        if (p.isEmpty()
                || p.length() > 1024
                || p.startsWith("/")
                || p.contains("\\")
                || BAD_CHARS.matcher(p).find()) {
            return false;
        }
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }
}
