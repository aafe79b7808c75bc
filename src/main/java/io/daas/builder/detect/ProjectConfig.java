package io.daas.builder.detect;

import io.daas.builder.detect.config.ProjectConfigRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** What is wrong with the fields, each message starting with the prefix ("buildOptions." or "daas.json "). */
    public List<String> problems(String prefix) {
        return ProjectConfigRules.problems(this, prefix);
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
}
