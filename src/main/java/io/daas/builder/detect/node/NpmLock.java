package io.daas.builder.detect.node;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Compares package.json with package-lock.json the way {@code npm ci} does before it refuses. */
final class NpmLock {

    private static final List<String> SECTIONS =
            List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies");

    private NpmLock() {}

    /**
     * What differs between package.json and the lockfile's root, at most a few names, or empty
     * when they agree (or there is no package-lock.json to compare).
     */
    static Optional<String> mismatch(ProjectFiles files, NodePackage pkg) {
        Optional<String> text = files.read("package-lock.json");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode lock = Manifests.json(text);
        if (lock.isMissingNode()) {
            return Optional.of("package-lock.json does not parse");
        }
        JsonNode root = lock.path("packages").path("");
        List<String> differences = new ArrayList<>();
        if (!root.isMissingNode()) {
            for (String section : SECTIONS) {
                JsonNode declared = pkg.json().path(section);
                JsonNode locked = root.path(section);
                for (String name : declared.propertyNames()) {
                    String want = Manifests.text(declared, name);
                    String have = Manifests.text(locked, name);
                    if (have == null && !section.equals("peerDependencies")) {
                        differences.add(name + " is not in the lockfile");
                    } else if (have != null && want != null && !want.equals(have)) {
                        differences.add(name + " is " + want + " in package.json but " + have + " in the lockfile");
                    }
                }
                for (String name : locked.propertyNames()) {
                    if (!declared.has(name)) {
                        differences.add(name + " is in the lockfile but no longer in package.json");
                    }
                }
            }
        } else if (lock.path("dependencies").isObject()) {
            // lockfileVersion 1: only the names can be compared
            JsonNode locked = lock.path("dependencies");
            for (String section : List.of("dependencies", "devDependencies")) {
                for (String name : pkg.json().path(section).propertyNames()) {
                    if (!locked.has(name)) {
                        differences.add(name + " is not in the lockfile");
                    }
                }
            }
        }
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        List<String> shown = differences.subList(0, Math.min(3, differences.size()));
        return Optional.of(String.join("; ", shown) + (differences.size() > 3 ? "; ..." : ""));
    }
}
