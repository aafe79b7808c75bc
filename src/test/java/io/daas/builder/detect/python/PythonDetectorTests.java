package io.daas.builder.detect.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link PythonDetector} over small inputs and fixture projects. */
class PythonDetectorTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            e2e-python;                  -;       pip;       3.12; default;                               python main.py; python:3.12-slim
            python-main-only;            -;       none;      3.12; default;                               python main.py; python:3.12-slim
            python-pip-flask;            flask;   pip;       3.11; runtime.txt;                           gunicorn app:app --bind 0.0.0.0:$PORT; python:3.11-slim
            python-django;               django;  pip;       3.12; .python-version;                       gunicorn mysite.wsgi:application --bind 0.0.0.0:$PORT; python:3.12-slim
            python-poetry-fastapi;       fastapi; poetry;    3.12; pyproject.toml tool.poetry python;     uvicorn app.main:app --host 0.0.0.0 --port $PORT; python:3.12-slim
            python-uv;                   fastapi; uv;        3.13; pyproject.toml requires-python;        uvicorn main:api --host 0.0.0.0 --port $PORT; python:3.13-slim
            python-pipenv;               flask;   pipenv;    3.10; Pipfile requires.python_version;       gunicorn app:application --bind 0.0.0.0:$PORT; python:3.10-slim
            python-pdm;                  -;       pdm;       3.12; pyproject.toml requires-python;        python main.py; python:3.12-slim
            python-pyproject-setuptools; -;       pyproject; 3.11; pyproject.toml requires-python;        python server.py; python:3.11-slim
            """)
    void plansPythonProjects(
            String fixture,
            String framework,
            String manager,
            String version,
            String source,
            String start,
            String images) {
        Fixtures.check(Fixtures.plan(fixture), "python", framework, manager, version, source, start, 8000, images);
    }

    @Test
    void aStdlibOnlyAppNeedsNoBuildStageAndNoVenv() {
        String dockerfile = Fixtures.plan("e2e-python").dockerfile();
        assertThat(dockerfile).doesNotContain("AS build").doesNotContain("venv").contains("USER app");
        assertThat(dockerfile).contains("CMD [\"python\", \"main.py\"]").contains("CMD python3 -c");
    }

    @Test
    void requirementsAreInstalledIntoAVenvCopiedToTheRuntime() {
        String dockerfile = Fixtures.plan("python-pip-flask").dockerfile();
        assertThat(dockerfile)
                .contains("RUN python3 -m venv /opt/venv\nCOPY requirements.txt ./\n")
                .contains("RUN pip install -r requirements.txt")
                .contains("COPY --from=build /opt/venv /opt/venv\nCOPY . .")
                .contains("CMD [\"sh\", \"-c\", \"exec gunicorn app:app --bind 0.0.0.0:$PORT\"]");
    }

    @Test
    void toolsLiveOutsideTheAppVenv() {
        assertThat(Fixtures.plan("python-poetry-fastapi").dockerfile())
                .contains("RUN python3 -m venv /opt/tools && /opt/tools/bin/pip install poetry")
                .contains("COPY pyproject.toml poetry.lock ./")
                .contains("/opt/tools/bin/poetry install --only main --no-root");
        assertThat(Fixtures.plan("python-uv").dockerfile())
                .contains("UV_PROJECT_ENVIRONMENT=/opt/venv")
                .contains("/opt/tools/bin/uv sync --no-dev --no-install-project --frozen");
    }

    @Test
    void aMissingServerIsInstalledAndNoted() {
        BuildPlan plan = Fixtures.plan("python-pipenv");
        assertThat(plan.installCommand()).endsWith("&& pip install gunicorn");
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("gunicorn is not among the dependencies"));
        assertThat(Fixtures.plan("python-uv").installCommand()).doesNotContain("uvicorn");
    }

    @Test
    void plainPyprojectInstallsItsDependenciesThenTheProject() {
        String dockerfile = Fixtures.plan("python-pyproject-setuptools").dockerfile();
        assertThat(dockerfile)
                .contains("RUN pip install 'requests>=2.31' 'rich; python_version >= '\\''3.8'\\'''")
                .contains("COPY . .\nRUN pip install --no-deps .");
    }

    @Test
    void editableRequirementsGetTheSourceBeforeTheInstall() {
        BuildPlan plan = Fixtures.plan("python-editable");
        Fixtures.check(plan, "python", null, "pip", "3.12", "default", "python app.py", 8000, "python:3.12-slim");
        assertThat(plan.dockerfile())
                .contains("RUN python3 -m venv /opt/venv\nCOPY . .\nRUN pip install -r requirements.txt");
    }

    @Test
    void modulesAreNamedFromTheirPaths() {
        assertThat(PythonDetector.module("src/app/main.py")).isEqualTo("src.app.main");
        assertThat(PythonDetector.module("app/__init__.py")).isEqualTo("app");
        assertThat(PythonProject.name("Flask[async]>=2 ; python_version>'3'")).isEqualTo("flask");
    }
}
