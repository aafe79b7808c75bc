package io.daas.builder.detect;

import java.util.List;
import java.util.Map;

/**
 * What detection found in a bundle and the Dockerfile that builds and runs it.
 *
 * @param directory the sub-folder of the bundle that is built and is the build context, or null
 *     for the bundle root
 * @param sources where each value came from: "detected", "daas.json", "buildOptions", "Procfile",
 *     or for the version the file that pinned it
 */
public record BuildPlan(
        String language,
        String framework,
        String packageManager,
        VersionChoice version,
        String installCommand,
        String buildCommand,
        String startCommand,
        Integer port,
        List<String> baseImages,
        String dockerfile,
        String dockerignore,
        List<String> notes,
        String directory,
        Map<String, String> sources) {

    public BuildPlan {
        baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
        notes = notes == null ? List.of() : List.copyOf(notes);
        sources = sources == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }

    public BuildPlan(
            String language,
            String framework,
            String packageManager,
            VersionChoice version,
            String installCommand,
            String buildCommand,
            String startCommand,
            Integer port,
            List<String> baseImages,
            String dockerfile,
            String dockerignore,
            List<String> notes) {
        this(
                language,
                framework,
                packageManager,
                version,
                installCommand,
                buildCommand,
                startCommand,
                port,
                baseImages,
                dockerfile,
                dockerignore,
                notes,
                null,
                Map.of());
    }

    /** True when a Dockerfile was generated. */
    public boolean recognised() {
        return dockerfile != null;
    }

    /** The same plan with its base images pinned by digest in the list and the Dockerfile. */
    public BuildPlan pinned(List<String> pinnedImages, String pinnedDockerfile, List<String> extraNotes) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(extraNotes);
        return new BuildPlan(
                language,
                framework,
                packageManager,
                version,
                installCommand,
                buildCommand,
                startCommand,
                port,
                pinnedImages,
                pinnedDockerfile,
                dockerignore,
                all,
                directory,
                sources);
    }

    BuildPlan withDockerignore(String text) {
        return with(dockerfile, text, notes);
    }

    BuildPlan withNotes(List<String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(extra);
        return with(dockerfile, dockerignore, all);
    }

    private BuildPlan with(String dockerfileText, String dockerignoreText, List<String> allNotes) {
        return new BuildPlan(
                language,
                framework,
                packageManager,
                version,
                installCommand,
                buildCommand,
                startCommand,
                port,
                baseImages,
                dockerfileText,
                dockerignoreText,
                allNotes,
                directory,
                sources);
    }

    /** This plan with overridden commands, port and Dockerfile, its folder and the sources of its values. */
    BuildPlan overridden(
            String install,
            String build,
            Integer newPort,
            String dockerfileText,
            String folder,
            Map<String, String> valueSources) {
        return new BuildPlan(
                language,
                framework,
                packageManager,
                version,
                install,
                build,
                startCommand,
                newPort,
                baseImages,
                dockerfileText,
                dockerignore,
                notes,
                folder,
                valueSources);
    }
}
