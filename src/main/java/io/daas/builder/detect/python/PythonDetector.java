package io.daas.builder.detect.python;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python projects: pip, Poetry, uv, Pipenv, PDM, plain pyproject; Django, FastAPI, Flask. */
public final class PythonDetector implements LanguageDetector {

    static final int PORT = 8000;
    private static final Pattern MAIN_GUARD = Pattern.compile("if\\s+__name__\\s*==\\s*['\"]__main__['\"]");
    private static final List<String> APP_FILES = List.of(
            "main.py",
            "app.py",
            "server.py",
            "wsgi.py",
            "asgi.py",
            "app/main.py",
            "app/__init__.py",
            "src/main.py",
            "src/app.py",
            "api/main.py",
            "application.py");

    private final boolean loneScripts;

    /** With loneScripts, also a bundle whose only Python is a script at the root (asked last). */
    public PythonDetector(boolean loneScripts) {
        this.loneScripts = loneScripts;
    }

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        Optional<PythonProject> read = PythonProject.read(files, loneScripts);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        PythonProject project = read.get();
        List<String> notes = new ArrayList<>();
        VersionChoice version = project.version(files, context.version(), notes);
        String image = context.image("python", "python:" + version.value() + "-slim");
        List<String> extras = new ArrayList<>();
        String framework = null;
        String start;
        if (files.isFile("manage.py") && project.depends("django")) {
            framework = "django";
            String wsgi = files.findBySuffix("wsgi.py", 2).stream().findFirst().orElse(null);
            start = wsgi == null
                    ? "python manage.py runserver 0.0.0.0:$PORT"
                    : "gunicorn " + module(wsgi) + ":application --bind 0.0.0.0:$PORT";
            needs(project, "gunicorn", wsgi != null, extras, notes);
        } else if (project.depends("fastapi")) {
            framework = "fastapi";
            start = app(files, "FastAPI")
                    .map(target -> "uvicorn " + target + " --host 0.0.0.0 --port $PORT")
                    .orElse(null);
            needs(project, "uvicorn", start != null && !project.declares("fastapi[standard]"), extras, notes);
        } else if (project.depends("flask")) {
            framework = "flask";
            start = app(files, "Flask")
                    .map(target -> "gunicorn " + target + " --bind 0.0.0.0:$PORT")
                    .orElse(null);
            needs(project, "gunicorn", start != null, extras, notes);
        } else {
            start = null;
        }
        if (start == null) {
            Optional<String> script = script(files);
            if (script.isPresent() && framework != null && !framework.equals("django")) {
                notes.add("The dependencies name " + framework + " but no file creates its application object;"
                        + " running " + script.get() + " as a script.");
                framework = null;
                extras.clear();
            }
            start = script.map(f -> "python " + f).orElse(null);
        }
        start = context.start(start);
        String install = new PythonDockerfile(files, project, image, extras).install();
        String dockerfile = null;
        if (start == null) {
            notes.add("No start command: found no main.py, app.py, server.py or lone script, and no Django, FastAPI"
                    + " or Flask application object. Add a Procfile web: line or a startCommand in daas.json. "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
        } else {
            dockerfile = new PythonDockerfile(files, project, image, extras).write(start, PORT);
        }
        return Optional.of(new BuildPlan(
                "python",
                framework,
                project.manager(),
                version,
                install,
                null,
                start,
                PORT,
                List.of(image),
                dockerfile,
                DockerIgnore.with(
                        "**/__pycache__", "**/*.pyc", ".venv", "venv", ".pytest_cache", ".mypy_cache", ".tox"),
                notes));
    }

    /** The script to run: main.py, app.py, server.py, bot.py, else the one script at the root or with a main guard. */
    static Optional<String> script(ProjectFiles files) {
        Optional<String> known = files.first("main.py", "app.py", "server.py", "bot.py", "run.py", "__main__.py");
        if (known.isPresent()) {
            return known;
        }
        List<String> scripts = files.list("").stream()
                .filter(name -> name.endsWith(".py") && files.isFile(name))
                .filter(name -> !name.equals("setup.py") && !name.equals("conftest.py") && !name.startsWith("test_"))
                .toList();
        if (scripts.size() == 1) {
            return Optional.of(scripts.get(0));
        }
        return scripts.stream()
                .filter(name ->
                        files.read(name).map(t -> MAIN_GUARD.matcher(t).find()).orElse(false))
                .findFirst();
    }

    /** Adds the server package to the install when the project does not declare it. */
    private static void needs(
            PythonProject project, String server, boolean wanted, List<String> extras, List<String> notes) {
        if (wanted && !project.depends(server)) {
            extras.add(server);
            notes.add(server + " is not among the dependencies; the image installs it to serve the app.");
        }
    }

    /** "module:variable" of the first file that creates the framework's application object. */
    static Optional<String> app(ProjectFiles files, String constructor) {
        Pattern assignment = Pattern.compile("(?m)^(\\w+)\\s*(?::\\s*\\w+\\s*)?=\\s*" + constructor + "\\(");
        List<String> candidates = new ArrayList<>(APP_FILES);
        files.findBySuffix(".py", 2).stream()
                .filter(f -> !candidates.contains(f))
                .forEach(candidates::add);
        for (String file : candidates) {
            Optional<String> text = files.read(file);
            if (text.isPresent()) {
                Matcher m = assignment.matcher(text.get());
                if (m.find()) {
                    return Optional.of(module(file) + ":" + m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** "src/app/main.py" -> "src.app.main"; a package's __init__.py is the package itself. */
    static String module(String file) {
        String module = file.substring(0, file.length() - ".py".length()).replace('/', '.');
        return module.endsWith(".__init__") ? module.substring(0, module.length() - ".__init__".length()) : module;
    }
}
