package io.daas.builder.detect;

import java.util.List;

/** What detection found in a bundle and the Dockerfile that builds and runs it. */
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
        List<String> notes) {

    public BuildPlan {
        baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
        notes = notes == null ? List.of() : List.copyOf(notes);
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
                all);
    }

    BuildPlan withDockerignore(String text) {
        return with(text, notes);
    }

    BuildPlan withNotes(List<String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(extra);
        return with(dockerignore, all);
    }

    private BuildPlan with(String dockerignoreText, List<String> allNotes) {
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
                dockerfile,
                dockerignoreText,
                allNotes);
    }
}
