package io.daas.builder.detect.python;

import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Writes Python Dockerfiles: dependencies into a venv in a build stage, then the source. */
final class PythonDockerfile {

    private static final String VENV_ENV = "VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH";
    private static final String TOOLS = "python3 -m venv /opt/tools && /opt/tools/bin/pip install ";

    private final ProjectFiles files;
    private final PythonProject project;
    private final String image;
    private final List<String> extras;

    PythonDockerfile(ProjectFiles files, PythonProject project, String image, List<String> extras) {
        this.files = files;
        this.project = project;
        this.image = image;
        this.extras = extras;
    }

    /** The dependency install command, or null when there is nothing to install. */
    String install() {
        if (!project.hasDependencies() && extras.isEmpty()) {
            return null;
        }
        List<String> steps = new ArrayList<>();
        switch (project.manager()) {
            case "pip" -> steps.add("pip install -r requirements.txt");
            case "poetry" -> steps.add("/opt/tools/bin/poetry install --only main --no-root --no-interaction");
            case "uv" ->
                steps.add("/opt/tools/bin/uv sync --no-dev --no-install-project"
                        + (files.isFile("uv.lock") ? " --frozen" : ""));
            case "pipenv" ->
                steps.add(
                        (files.isFile("Pipfile.lock") ? "" : "/opt/tools/bin/pipenv lock && ")
                                + "/opt/tools/bin/pipenv requirements > /tmp/requirements.txt && pip install -r /tmp/requirements.txt");
            case "pdm" ->
                steps.add("/opt/tools/bin/pdm export --prod --without-hashes -o /tmp/requirements.txt"
                        + " && pip install -r /tmp/requirements.txt");
            default -> {
                List<String> deps = PythonProject.projectDependencies(project.pyproject());
                if (!deps.isEmpty()) {
                    steps.add("pip install "
                            + deps.stream().map(PythonDockerfile::quote).collect(Collectors.joining(" ")));
                }
            }
        }
        if (!extras.isEmpty()) {
            steps.add("pip install " + String.join(" ", extras));
        }
        return steps.isEmpty() ? null : String.join(" && ", steps);
    }

    String write(String start, int port) {
        Dockerfile out = new Dockerfile();
        String install = install();
        boolean buildsProject =
                project.manager().equals("pyproject") && project.pyproject().has("build-system");
        if (install != null || buildsProject) {
            out.from(image, "build").workdir("/app");
            out.env("PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 UV_PYTHON_DOWNLOADS=never"
                    + " UV_PROJECT_ENVIRONMENT=/opt/venv " + VENV_ENV);
            out.run("python3 -m venv /opt/venv");
            String tool = tool();
            if (tool != null) {
                out.run(TOOLS + tool);
            }
            if (project.manager().equals("pip") && referencesSource()) {
                out.copy(". ."); // "-e .", "-r other.txt" and local paths need the source to install
            } else {
                out.copy(String.join(" ", manifests()) + " ./");
            }
            if (install != null) {
                out.run(install);
            }
            if (buildsProject) {
                out.copy(". .");
                out.run("pip install --no-deps .");
            }
        }
        out.from(image).workdir("/app");
        out.env("PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1"
                + (install != null || buildsProject ? " " + VENV_ENV : ""));
        out.line(Dockerfile.DEBIAN_USER);
        if (install != null || buildsProject) {
            out.copy("--from=build /opt/venv /opt/venv");
        }
        out.copy(". .");
        return out.serve(port, "app", Healthcheck.PYTHON, start, true).text();
    }

    private boolean referencesSource() {
        return project.requirements().stream()
                .anyMatch(line -> line.startsWith("-e")
                        || line.startsWith("-r")
                        || line.startsWith("-c")
                        || line.startsWith(".")
                        || line.startsWith("/")
                        || line.contains("file:"));
    }

    private String tool() {
        return switch (project.manager()) {
            case "poetry", "uv", "pipenv", "pdm" -> project.manager();
            default -> null;
        };
    }

    private List<String> manifests() {
        List<String> present = new ArrayList<>();
        for (String file : List.of(
                "requirements.txt",
                "pyproject.toml",
                "poetry.lock",
                "uv.lock",
                "Pipfile",
                "Pipfile.lock",
                "pdm.lock")) {
            if (files.isFile(file)) {
                present.add(file);
            }
        }
        if (present.isEmpty()) {
            present.add("*.py"); // nothing to copy but COPY needs a source: a pure-script project
        }
        return present;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
