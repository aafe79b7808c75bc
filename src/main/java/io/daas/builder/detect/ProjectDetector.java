package io.daas.builder.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Detects what an unpacked bundle is and plans a Dockerfile that builds and runs it. */
public final class ProjectDetector {

    static final String HOW_TO_ADD_A_DOCKERFILE = "Add a Dockerfile at the root of the bundle (or name one with"
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
        ProjectFiles files = new ProjectFiles(projectDir);
        String web = Procfile.web(files).orElse(null);
        DetectionContext context = new DetectionContext(files, settings, web);
        for (LanguageDetector detector : detectors) {
            Optional<BuildPlan> plan = detector.detect(context);
            if (plan.isPresent()) {
                return finish(plan.get(), files, web);
            }
        }
        return unknown();
    }

    private static BuildPlan finish(BuildPlan plan, ProjectFiles files, String web) {
        List<String> notes = new ArrayList<>();
        if (web != null && plan.recognised()) {
            notes.add("Start command taken from the Procfile web: line.");
        }
        if (files.exists(".dockerignore")) {
            plan = plan.withDockerignore(null);
        }
        if (files.exists("Dockerfile")) {
            notes.add("The bundle has its own Dockerfile; this plan is what would be generated without it.");
        }
        return plan.withNotes(notes);
    }

    private static BuildPlan unknown() {
        String note = "Could not tell what this project is: found none of package.json, requirements.txt,"
                + " pyproject.toml, Pipfile, main.py, go.mod, Cargo.toml, pom.xml, build.gradle(.kts), Gemfile,"
                + " composer.json, *.csproj, deno.json, index.html or a Procfile with a web: line. "
                + HOW_TO_ADD_A_DOCKERFILE;
        return new BuildPlan("unknown", null, null, null, null, null, null, null, List.of(), null, null, List.of(note));
    }
}
