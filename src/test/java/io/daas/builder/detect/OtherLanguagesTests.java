package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ruby, PHP, .NET, Deno, static sites and the Procfile-only fallback. */
class OtherLanguagesTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            ruby-rails;     ruby;    rails;      bundler;  3.2;   .ruby-version;             bin/rails server -b 0.0.0.0 -p $PORT; 3000; ruby:3.2-slim
            ruby-rack;      ruby;    -;          bundler;  3.4;   Gemfile ruby;              bundle exec puma -b tcp://0.0.0.0:$PORT; 3000; ruby:3.4-slim
            php-laravel;    php;     laravel;    composer; 8.3;   composer.json require.php; apache2-foreground; 8080; composer:2 php:8.3-apache
            php-plain;      php;     -;          -;        8.3;   default;                   apache2-foreground; 8080; php:8.3-apache
            dotnet-web;     dotnet;  aspnetcore; nuget;    9.0;   src/Api/Api.csproj;        dotnet Api.dll --urls http://0.0.0.0:$PORT; 8080; mcr.microsoft.com/dotnet/sdk:9.0 mcr.microsoft.com/dotnet/aspnet:9.0
            dotnet-console; dotnet;  -;          nuget;    8.0;   Worker.fsproj;             dotnet acme-worker.dll; 8080; mcr.microsoft.com/dotnet/sdk:8.0 mcr.microsoft.com/dotnet/runtime:8.0
            deno-task;      deno;    -;          deno;     2.4.0; default;                   deno task start; 8000; denoland/deno:2.4.0
            deno-main;      deno;    -;          deno;     2.1.4; .dvmrc;                    deno run --allow-net --allow-env --allow-read server.ts; 8000; denoland/deno:2.1.4
            """)
    void plansOtherLanguages(
            String fixture,
            String language,
            String framework,
            String manager,
            String version,
            String source,
            String start,
            Integer port,
            String images) {
        Fixtures.check(Fixtures.plan(fixture), language, framework, manager, version, source, start, port, images);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            e2e-static;               COPY . /www
            static-public;            COPY public /www
            static-htdocs;            COPY htdocs /www
            static-app-public;        COPY app/public /www
            static-with-dockerignore; COPY . /www
            static-with-tooling;      COPY . /www
            """)
    void servesStaticSitesWithBusyboxHttpd(String fixture, String copy) {
        BuildPlan plan = Fixtures.plan(fixture);
        Fixtures.check(plan, "static", null, null, null, null, "httpd -f -v -p $PORT -h /www", 8080, "busybox:1.36");
        assertThat(plan.dockerfile()).contains(copy).contains("USER nobody").contains("HEALTHCHECK");
    }

    @Test
    void railsBuildsGemsAndAssetsInABuildStage() {
        String dockerfile = Fixtures.plan("ruby-rails").dockerfile();
        assertThat(dockerfile)
                .contains("COPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n")
                .contains("BUNDLE_DEPLOYMENT=1")
                .contains("RUN SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile")
                .contains("libpq-dev")
                .contains("libpq5")
                .contains("RAILS_ENV=production")
                .contains("COPY --from=build --chown=app:app /app /app")
                .contains("USER app");
    }

    @Test
    void phpListensOnPortAsWwwDataWithTheFrameworkDocumentRoot() {
        String dockerfile = Fixtures.plan("php-laravel").dockerfile();
        assertThat(dockerfile)
                .contains("FROM composer:2 AS vendor")
                .contains("ENV APACHE_DOCUMENT_ROOT=/var/www/html/public")
                .contains("Listen ${PORT}")
                .contains("USER www-data");
        assertThat(Fixtures.plan("php-plain").dockerfile())
                .doesNotContain("composer")
                .contains("APACHE_DOCUMENT_ROOT=/var/www/html\n");
    }

    @Test
    void dotnetRestoresTheProjectBeforeCopyingTheSource() {
        String dockerfile = Fixtures.plan("dotnet-web").dockerfile();
        assertThat(dockerfile)
                .contains("COPY src/Api/Api.csproj ./src/Api/\nRUN dotnet restore \"src/Api/Api.csproj\"\nCOPY . .\n")
                .contains("USER app")
                .doesNotContain("useradd");
        assertThat(Fixtures.plan("dotnet-web").notes()).isEmpty();
    }

    @Test
    void dotnetProjectReferencesNeedTheWholeSourceToRestore() {
        BuildPlan plan = Fixtures.plan("dotnet-references");
        Fixtures.check(
                plan,
                "dotnet",
                "aspnetcore",
                "nuget",
                "8.0",
                "src/Web/Web.csproj",
                "dotnet Web.dll --urls" + " http://0.0.0.0:$PORT",
                8080,
                "mcr.microsoft.com/dotnet/sdk:8.0 mcr.microsoft.com/dotnet/aspnet:8.0");
        assertThat(plan.dockerfile()).contains("WORKDIR /src\nCOPY . .\nRUN dotnet restore \"src/Web/Web.csproj\"\n");
    }

    @Test
    void denoInstallsImportsBeforeTheSourceAndRunsAsDeno() {
        assertThat(Fixtures.plan("deno-task").dockerfile())
                .contains("COPY deno.json ./\nRUN deno install\nCOPY . .\nRUN deno cache main.ts\n")
                .contains("USER deno");
        assertThat(Fixtures.plan("deno-main").dockerfile()).contains("COPY deno.jsonc ./");
    }

    @Test
    void aProcfileAloneRunsOnDebianSlim() {
        BuildPlan plan = Fixtures.plan("procfile-generic");
        Fixtures.check(plan, "generic", null, null, null, null, "./run.sh", 8080, "debian:bookworm-slim");
        assertThat(plan.dockerfile()).contains("COPY . .").contains("USER app").contains("CMD [\"./run.sh\"]");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', textBlock = """
            go-main-only;               go;     go modules; /app/app;                     golang:1.25 gcr.io/distroless/static-debian12:nonroot
            shell-start;                shell;  -;          bash start.sh;                debian:bookworm-slim
            shell-lone;                 shell;  -;          sh serve.sh;                  debian:bookworm-slim
            static-staticfile-root;     static; -;          caddy run --config /etc/caddy/Caddyfile --adapter caddyfile; caddy:2
            python-lone-script;         python; none;       python bot.py;                python:3.12-slim
            python-flask-plain-script;  python; pip;        python main.py;               python:3.12-slim
            """)
    void projectsThatWereNotRecognisedBeforeAreNow(
            String fixture, String language, String manager, String start, String images) {
        BuildPlan plan = Fixtures.plan(fixture);
        assertThat(plan.language()).isEqualTo(language);
        assertThat(plan.packageManager()).isEqualTo("-".equals(manager) ? null : manager);
        assertThat(plan.startCommand()).isEqualTo(start);
        assertThat(plan.baseImages()).containsExactly(images.split(" "));
    }

    @Test
    void goWithoutGoModMakesTheModuleInTheBuild() {
        assertThat(Fixtures.plan("go-main-only").dockerfile())
                .contains("COPY . .\nRUN go mod init app && go mod tidy\nRUN go build -mod=mod");
    }

    @Test
    void aStaticfileRootIsServedWithPushstateAsTheSpaFallbackByCaddy() {
        assertThat(Fixtures.plan("static-staticfile-root").dockerfile())
                .startsWith("FROM caddy:2\nCOPY site /www\n")
                .contains("try_files {path} {path}/ {path}.html /index.html");
    }

    @Test
    void aPythonScriptBesideAFrameworkDependencyRunsAsAScript() {
        BuildPlan plan = Fixtures.plan("python-flask-plain-script");
        assertThat(plan.framework()).isNull();
        assertThat(plan.dockerfile()).doesNotContain("gunicorn").endsWith("CMD [\"python\", \"main.py\"]\n");
        assertThat(plan.notes()).anyMatch(n -> n.contains("running main.py as a script"));
    }

    @Test
    void aShellEntryPointRunsThroughItsInterpreterSoItNeedsNoExecuteBit() {
        assertThat(Fixtures.plan("shell-start").dockerfile()).endsWith("CMD [\"bash\", \"start.sh\"]\n");
    }
}
