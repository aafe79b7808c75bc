package io.daas.builder.detect;

import io.daas.builder.detect.config.ConfigApplier;
import io.daas.builder.detect.config.ProjectConfigReader;
import io.daas.builder.detect.deno.DenoDetector;
import io.daas.builder.detect.dotnet.DotnetDetector;
import io.daas.builder.detect.go.GoDetector;
import io.daas.builder.detect.jvm.JavaDetector;
import io.daas.builder.detect.node.NodeDetector;
import io.daas.builder.detect.php.PhpDetector;
import io.daas.builder.detect.python.PythonDetector;
import io.daas.builder.detect.ruby.RubyDetector;
import io.daas.builder.detect.rust.RustDetector;
import io.daas.builder.detect.shell.ShellScriptDetector;
import io.daas.builder.detect.statics.StaticSiteDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Detects what an unpacked bundle is and plans a Dockerfile that builds and runs it. */
public final class ProjectDetector {

    public static final String HOW_TO_ADD_A_DOCKERFILE = "Add a Dockerfile at the root of the bundle (or name one with"
            + " buildOptions.dockerfile) to build it as you wish.";

    private final DetectionSettings settings;
    private final List<LanguageDetector> detectors;

    public ProjectDetector(DetectionSettings settings) {
        this.settings = settings == null ? DetectionSettings.defaults() : settings;
        // Server languages come before Node and static sites: their projects often carry a
        // package.json or an index.html for front-end assets.
        this.detectors = List.of(
                new JavaDetector(),
                new GoDetector(),
                new RustDetector(),
                new DotnetDetector(),
                new PythonDetector(false),
                new RubyDetector(),
                new PhpDetector(),
                new DenoDetector(),
                new NodeDetector(),
                new StaticSiteDetector(),
                new PythonDetector(true),
                new ShellScriptDetector(),
                new GenericDetector());
    }

    /**
     * Reads the unpacked bundle at projectDir and returns a plan; never throws for an
     * unrecognised project (plan with language "unknown" and a note saying what is missing and how
     * to add a Dockerfile).
     */
    public BuildPlan detect(Path projectDir) {
        return detect(projectDir, ProjectConfig.none());
    }

    /**
     * As {@link #detect(Path)}, with the bundle's daas.json and the request's overrides (which
     * win over the file's) applied; the plan's sources say where each value came from.
     *
     * @throws InvalidProjectConfigException when daas.json cannot be used or its directory is no folder
     */
    public BuildPlan detect(Path bundleDir, ProjectConfig request) {
        ProjectConfig file = config(bundleDir);
        ProjectConfig request1 = request == null ? ProjectConfig.none() : request;
        ProjectConfig config = request1.over(file);
        Map<String, String> origins = new LinkedHashMap<>();
        file.setFields().forEach(f -> origins.put(f, ProjectConfig.FILE));
        request1.setFields().forEach(f -> origins.put(f, "buildOptions"));
        String folder = config.directory() == null ? "" : ProjectConfig.folder(config.directory());
        ProjectFiles bundle = new ProjectFiles(bundleDir);
        if (!folder.isEmpty() && !bundle.isDirectory(folder)) {
            throw new InvalidProjectConfigException("directory '" + folder + "' (" + origins.get("directory")
                    + ") is not a folder of the bundle; name a folder that holds the app, like apps/web");
        }
        ProjectFiles files = folder.isEmpty() ? bundle : new ProjectFiles(bundleDir.resolve(folder));
        String procfile = Procfile.web(files).orElse(null);
        String web = config.startCommand() != null ? config.startCommand() : procfile;
        DetectionContext context = new DetectionContext(files, settings, web, config);
        String language = config.language() == null ? null : config.language().toLowerCase(Locale.ROOT);
        for (LanguageDetector detector : detectors) {
            Optional<BuildPlan> plan = detector.detect(context);
            if (plan.isPresent() && (language == null || plan.get().language().equals(language))) {
                return finish(
                        plan.get(), files, config.startCommand() == null ? procfile : null, config, origins, folder);
            }
        }
        if (language != null) {
            return unknown("Found nothing of the language '" + language + "' (" + origins.get("language") + ") in "
                    + (folder.isEmpty() ? "the bundle" : folder + "/") + ". Name the language the project is in,"
                    + " or leave language out to let detection choose. " + HOW_TO_ADD_A_DOCKERFILE);
        }
        return unknown(UNKNOWN);
    }

    /**
     * The bundle's daas.json, or no overrides when it has none.
     *
     * @throws InvalidProjectConfigException when it does not parse or a field is wrong
     */
    public ProjectConfig config(Path bundleDir) {
        ProjectFiles bundle = new ProjectFiles(bundleDir);
        if (!bundle.isFile(ProjectConfig.FILE)) {
            return ProjectConfig.none();
        }
        return ProjectConfigReader.parse(bundle.read(ProjectConfig.FILE)
                .orElseThrow(() -> new InvalidProjectConfigException(
                        ProjectConfig.FILE + " cannot be read (it must be UTF-8 and at most 1 MiB)")));
    }

    private static BuildPlan finish(
            BuildPlan plan,
            ProjectFiles files,
            String procfile,
            ProjectConfig config,
            Map<String, String> origins,
            String folder) {
        List<String> notes = new ArrayList<>();
        if (procfile != null && plan.recognised()) {
            notes.add("Start command taken from the Procfile web: line.");
        }
        if (files.exists(".dockerignore")) {
            plan = plan.withDockerignore(null);
        }
        if (files.exists("Dockerfile")) {
            notes.add("The bundle has its own Dockerfile; this plan is what would be generated without it.");
        }
        String dockerfile = plan.dockerfile();
        if (dockerfile != null) {
            dockerfile = ConfigApplier.apply(plan, config, notes);
        }
        if (config.version() != null
                && plan.version() != null
                && !plan.version().source().startsWith("version ")) {
            notes.add("version " + config.version() + " is not used for " + plan.language()
                    + ": its version comes from " + plan.version().source() + ".");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("language", origins.getOrDefault("language", "detected"));
        if (plan.version() != null) {
            sources.put(
                    "version", origins.getOrDefault("version", plan.version().source()));
        }
        sources.put("installCommand", origins.getOrDefault("installCommand", "detected"));
        sources.put("buildCommand", origins.getOrDefault("buildCommand", "detected"));
        sources.put("startCommand", origins.getOrDefault("startCommand", procfile != null ? "Procfile" : "detected"));
        sources.put("port", origins.getOrDefault("port", "detected"));
        for (String field : List.of("directory", "outputDir", "osPackages", "buildEnv", "runEnv")) {
            if (origins.containsKey(field)) {
                sources.put(field, origins.get(field));
            }
        }
        plan = plan.withNotes(notes);
        return plan.overridden(
                config.installCommand() != null ? config.installCommand() : plan.installCommand(),
                config.buildCommand() != null ? config.buildCommand() : plan.buildCommand(),
                config.port() != null && plan.port() != null ? config.port() : plan.port(),
                dockerfile,
                folder.isEmpty() ? null : folder,
                sources);
    }

    private static final String UNKNOWN = "Could not tell what this project is: found none of package.json,"
            + " requirements.txt, pyproject.toml, Pipfile, a *.py script, go.mod, *.go, Cargo.toml, pom.xml,"
            + " build.gradle(.kts), Gemfile, composer.json, *.csproj, deno.json, index.html, a Staticfile, a *.sh"
            + " script or a Procfile with a web: line. Name the language and commands in a daas.json"
            + " (GET /api/docker/schema/daas.json). " + HOW_TO_ADD_A_DOCKERFILE;

    private static BuildPlan unknown(String note) {
        return new BuildPlan("unknown", null, null, null, null, null, null, null, List.of(), null, null, List.of(note));
    }
}
