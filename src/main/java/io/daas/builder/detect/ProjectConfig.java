package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What detection cannot guess, from the bundle's daas.json or the request's buildOptions: each
 * field overrides what was detected; null fields leave detection alone.
 *
 * @param language the detector to use (node, python, go, ...)
 * @param version the language or toolchain version, resolved to an image line like a pin file
 * @param directory the sub-folder to build (a monorepo's app); it becomes the build context
 * @param installCommand replaces the dependency install step
 * @param buildCommand replaces (or adds) the build step
 * @param startCommand the container's command
 * @param port the port the app listens on ($PORT)
 * @param outputDir the folder a front end's build writes its static files to
 * @param osPackages Debian packages installed with apt-get in every stage that has apt-get
 * @param buildEnv environment of the build steps only (ARG, not kept in the image's config)
 * @param runEnv environment of the running container (ENV in the final stage)
 */
public record ProjectConfig(
        String language,
        String version,
        String directory,
        String installCommand,
        String buildCommand,
        String startCommand,
        Integer port,
        String outputDir,
        List<String> osPackages,
        Map<String, String> buildEnv,
        Map<String, String> runEnv) {

    /** The file detection reads at the bundle root. */
    public static final String FILE = "daas.json";

    /** Languages the detectors name in their plans. */
    public static final Set<String> LANGUAGES = Set.of(
            "node", "bun", "deno", "python", "go", "rust", "java", "dotnet", "ruby", "php", "static", "shell",
            "generic");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern DEBIAN_PACKAGE =
            Pattern.compile("[a-z0-9][a-z0-9+.-]{0,99}(=[A-Za-z0-9.+:~-]{1,64})?");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_~^=<>*-]{0,31}");
    private static final Pattern BAD_CHARS = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\x{85}]");
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9._@/+-]+");
    private static final int MAX_COMMAND = 4096;
    private static final int MAX_ENTRIES = 100;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public ProjectConfig {
        osPackages = osPackages == null ? null : List.copyOf(osPackages);
        buildEnv = buildEnv == null ? null : Map.copyOf(buildEnv);
        runEnv = runEnv == null ? null : Map.copyOf(runEnv);
    }

    /** No overrides at all. */
    public static ProjectConfig none() {
        return new ProjectConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A text that is the same for equal configs (maps sorted), for cache keys. */
    public String canonical() {
        return "language=" + language + "\u0000version=" + version + "\u0000directory=" + directory + "\u0000install="
                + installCommand + "\u0000build=" + buildCommand + "\u0000start=" + startCommand + "\u0000port=" + port
                + "\u0000outputDir=" + outputDir + "\u0000osPackages=" + osPackages + "\u0000buildEnv="
                + (buildEnv == null ? null : new java.util.TreeMap<>(buildEnv)) + "\u0000runEnv="
                + (runEnv == null ? null : new java.util.TreeMap<>(runEnv));
    }

    /** The names of the build and run environment variables. */
    public List<String> environmentNames() {
        List<String> names = new ArrayList<>();
        if (buildEnv != null) {
            names.addAll(buildEnv.keySet());
        }
        if (runEnv != null) {
            names.addAll(runEnv.keySet());
        }
        return names;
    }

    /**
     * Reads a daas.json; "$schema" is allowed and ignored.
     *
     * @throws InvalidProjectConfigException saying which field is wrong and how
     */
    static ProjectConfig parse(String text) {
        try {
            Map<String, Object> raw = JSON.readValue(text, LinkedHashMap.class);
            if (raw == null) {
                return none();
            }
            raw.remove("$schema");
            ProjectConfig config = JSON.convertValue(raw, ProjectConfig.class);
            List<String> problems = config.problems(FILE + " ");
            if (!problems.isEmpty()) {
                throw new InvalidProjectConfigException(String.join("; ", problems));
            }
            return config;
        } catch (JacksonException | IllegalArgumentException e) {
            String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            String field = e instanceof JacksonException je ? field(je) : "";
            throw new InvalidProjectConfigException(FILE + " is not valid" + field + ": " + firstLine(detail)
                    + ". It must be a JSON object with the fields of GET /api/docker/schema/daas.json");
        }
    }

    /** What is wrong with the fields, each message starting with the prefix ("buildOptions." or "daas.json "). */
    public List<String> problems(String prefix) {
        List<String> out = new ArrayList<>();
        if (language != null && !LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
            out.add(prefix + "language must be one of "
                    + LANGUAGES.stream().sorted().toList());
        }
        if (version != null && !VERSION.matcher(version.strip()).matches()) {
            out.add(prefix + "version must be a version like 20, 3.12 or 1.88.0");
        }
        if (directory != null && !safePath(directory)) {
            out.add(prefix + "directory must be a relative folder inside the bundle, like apps/web (no '..')");
        }
        if (outputDir != null
                && !(safePath(outputDir) && FOLDER.matcher(outputDir.strip()).matches())) {
            out.add(prefix + "outputDir must be a relative folder of the build, like dist (no '..'; only letters,"
                    + " digits and . _ @ + - /)");
        }
        for (String[] command : new String[][] {
            {"installCommand", installCommand}, {"buildCommand", buildCommand}, {"startCommand", startCommand}
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
        if (port != null && (port < 1 || port > 65535)) {
            out.add(prefix + "port must be a whole number from 1 to 65535");
        }
        if (osPackages != null) {
            if (osPackages.size() > MAX_ENTRIES) {
                out.add(prefix + "osPackages may hold at most " + MAX_ENTRIES + " packages");
            }
            for (String name : osPackages) {
                if (name == null || !DEBIAN_PACKAGE.matcher(name).matches()) {
                    out.add(prefix + "osPackages entry '" + printable(name)
                            + "' is not a Debian package name (lower-case letters, digits, '+', '.', '-',"
                            + " optionally =version)");
                }
            }
        }
        env(prefix + "buildEnv", buildEnv, out);
        env(prefix + "runEnv", runEnv, out);
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

    /** The folder as a relative path without "./" and trailing slashes ("" for the root). */
    public static String folder(String path) {
        String p = path.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        return p.equals(".") ? "" : p;
    }

    /** Every field of the request wins over the file's. */
    ProjectConfig over(ProjectConfig base) {
        return new ProjectConfig(
                pick(language, base.language),
                pick(version, base.version),
                pick(directory, base.directory),
                pick(installCommand, base.installCommand),
                pick(buildCommand, base.buildCommand),
                pick(startCommand, base.startCommand),
                pick(port, base.port),
                pick(outputDir, base.outputDir),
                pick(osPackages, base.osPackages),
                pick(buildEnv, base.buildEnv),
                pick(runEnv, base.runEnv));
    }

    /** The names of the fields that are set, in declaration order. */
    List<String> setFields() {
        List<String> names = new ArrayList<>();
        Object[] values = {
            language,
            version,
            directory,
            installCommand,
            buildCommand,
            startCommand,
            port,
            outputDir,
            osPackages,
            buildEnv,
            runEnv
        };
        String[] fields = {
            "language",
            "version",
            "directory",
            "installCommand",
            "buildCommand",
            "startCommand",
            "port",
            "outputDir",
            "osPackages",
            "buildEnv",
            "runEnv"
        };
        for (int i = 0; i < fields.length; i++) {
            if (values[i] != null) {
                names.add(fields[i]);
            }
        }
        return names;
    }

    private static <T> T pick(T first, T second) {
        return first != null ? first : second;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }

    /** " (field 'port')" for the field a parse error is about, or "". */
    private static String field(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " (field '" + path + "')";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "it does not parse";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
