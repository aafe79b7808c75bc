package io.daas.builder.detect.python;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import io.daas.builder.detect.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The facts detection needs from a Python project's manifests. */
record PythonProject(
        String manager, JsonNode pyproject, JsonNode pipfile, List<String> requirements, Set<String> names) {

    static final String DEFAULT_VERSION = "3.12";
    private static final List<String> CANDIDATES = List.of("3.12", "3.13", "3.14", "3.11", "3.10", "3.9", "3.8");

    /** The project, or empty when nothing says it is Python. */
    static Optional<PythonProject> read(ProjectFiles files) {
        return read(files, false);
    }

    /**
     * The project, or empty when nothing says it is Python; with loneScripts, any script at the
     * root counts too (bot.py), which is only asked once every other language has declined.
     */
    static Optional<PythonProject> read(ProjectFiles files, boolean loneScripts) {
        JsonNode pyproject = Manifests.toml(files.read("pyproject.toml"));
        JsonNode pipfile = Manifests.toml(files.read("Pipfile"));
        List<String> requirements = files.read("requirements.txt")
                .map(PythonProject::requirementLines)
                .orElse(List.of());
        String manager;
        if (files.isFile("uv.lock") || pyproject.path("tool").has("uv")) {
            manager = "uv";
        } else if (files.isFile("poetry.lock") || pyproject.path("tool").has("poetry")) {
            manager = "poetry";
        } else if (files.isFile("pdm.lock") || pyproject.path("tool").has("pdm")) {
            manager = "pdm";
        } else if (files.isFile("Pipfile")) {
            manager = "pipenv";
        } else if (files.isFile("requirements.txt")) {
            manager = "pip";
        } else if (files.isFile("pyproject.toml")) {
            manager = "pyproject";
        } else if (files.isFile("setup.py")) {
            manager = "pyproject";
        } else if (files.first("main.py", "app.py", "manage.py").isPresent()
                || (loneScripts && PythonDetector.script(files).isPresent())) {
            manager = "none";
        } else {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        requirements.forEach(line -> names.add(name(line)));
        projectDependencies(pyproject).forEach(dep -> names.add(name(dep)));
        pyproject
                .path("tool")
                .path("poetry")
                .path("dependencies")
                .propertyNames()
                .forEach(n -> names.add(name(n)));
        pipfile.path("packages").propertyNames().forEach(n -> names.add(name(n)));
        names.remove("python");
        return Optional.of(new PythonProject(manager, pyproject, pipfile, requirements, names));
    }

    static List<String> projectDependencies(JsonNode pyproject) {
        return Manifests.strings(pyproject.path("project").path("dependencies"));
    }

    boolean depends(String name) {
        return names.contains(name);
    }

    /** Whether a requirement as written starts with the text, e.g. "fastapi[standard]". */
    boolean declares(String text) {
        List<String> raw = new ArrayList<>(requirements);
        raw.addAll(projectDependencies(pyproject));
        return raw.stream()
                .anyMatch(r -> r.toLowerCase(Locale.ROOT).replace(" ", "").startsWith(text));
    }

    /** Whether anything will be installed at all (an empty requirements.txt installs nothing). */
    boolean hasDependencies() {
        return switch (manager) {
            case "pip" -> !requirements.isEmpty();
            case "pyproject" -> !projectDependencies(pyproject).isEmpty() || pyproject.has("build-system");
            case "none" -> false;
            default -> true;
        };
    }

    VersionChoice version(ProjectFiles files, String asked, List<String> notes) {
        if (asked != null) {
            return resolve(asked, "version " + asked, notes);
        }
        Optional<String> pinned = files.firstLine(".python-version");
        if (pinned.isPresent()) {
            return resolve(pinned.get().replaceFirst("^(cpython-|python-?)", ""), ".python-version", notes);
        }
        Optional<String> runtime = files.firstLine("runtime.txt");
        if (runtime.isPresent()) {
            return resolve(runtime.get().replaceFirst("^python-", ""), "runtime.txt", notes);
        }
        String requires = Manifests.text(pyproject, "project", "requires-python");
        if (requires != null) {
            return resolve(requires, "pyproject.toml requires-python", notes);
        }
        String poetry = Manifests.text(pyproject, "tool", "poetry", "dependencies", "python");
        if (poetry != null) {
            return resolve(poetry, "pyproject.toml tool.poetry python", notes);
        }
        String pipenv = Manifests.text(pipfile, "requires", "python_version");
        if (pipenv != null) {
            return resolve(pipenv, "Pipfile requires.python_version", notes);
        }
        return VersionChoice.defaulted(DEFAULT_VERSION);
    }

    private static VersionChoice resolve(String wanted, String source, List<String> notes) {
        Optional<String> picked = VersionRange.pick(wanted, CANDIDATES);
        if (picked.isPresent()) {
            return new VersionChoice(picked.get(), source);
        }
        notes.add("No Python image line matches " + source + " \"" + wanted + "\"; using Python " + DEFAULT_VERSION
                + ".");
        return VersionChoice.defaulted(DEFAULT_VERSION);
    }

    private static List<String> requirementLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String stripped = line.replaceFirst("\\s+#.*$", "").strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                lines.add(stripped);
            }
        }
        return lines;
    }

    /** The normalised distribution name of a requirement ("Flask[async]>=2" -> "flask"). */
    static String name(String requirement) {
        String name = requirement.strip().split("[\\s\\[<>=!~;@(]", 2)[0];
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
