package io.daas.builder.detect.php;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import io.daas.builder.detect.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** PHP with Composer (Laravel, Symfony or plain) on the official Apache image, as www-data. */
public final class PhpDetector implements LanguageDetector {

    static final String DEFAULT_VERSION = "8.3";
    static final int PORT = 8080;
    private static final List<String> CANDIDATES = List.of("8.3", "8.4", "8.2", "8.1");

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        boolean composer = files.isFile("composer.json");
        if (!composer && !files.isFile("index.php") && !files.isFile("public/index.php")) {
            return Optional.empty();
        }
        JsonNode json = Manifests.json(files.read("composer.json"));
        List<String> notes = new ArrayList<>();
        VersionChoice version = VersionChoice.defaulted(DEFAULT_VERSION);
        String wanted = Manifests.text(json, "require", "php");
        if (wanted != null) {
            Optional<String> picked = VersionRange.pick(wanted, CANDIDATES);
            version = picked.map(v -> new VersionChoice(v, "composer.json require.php"))
                    .orElse(version);
            if (picked.isEmpty()) {
                notes.add("No PHP image line matches composer.json require.php \"" + wanted + "\"; using "
                        + DEFAULT_VERSION + ".");
            }
        }
        String framework = json.path("require").has("laravel/framework")
                ? "laravel"
                : json.path("require").has("symfony/framework-bundle") ? "symfony" : null;
        String docroot =
                framework != null || files.isFile("public/index.php") ? "/var/www/html/public" : "/var/www/html";
        String image = context.image("php", "php:" + version.value() + "-apache");
        String composerImage = context.image("composer", "composer:2");
        String install = composer
                ? "composer install --no-dev --no-scripts --no-autoloader --no-interaction --prefer-dist"
                        + " --ignore-platform-reqs"
                : null;
        String build = composer ? "composer dump-autoload --no-dev --optimize" : null;
        String start = context.start("apache2-foreground");
        Dockerfile out = new Dockerfile();
        if (composer) {
            out.from(composerImage, "vendor").workdir("/app");
            out.copy("composer.json" + (files.isFile("composer.lock") ? " composer.lock" : "") + " ./");
            out.run(install);
            out.copy(". .");
            out.run(build);
        }
        out.from(image).env("APACHE_DOCUMENT_ROOT=" + docroot);
        // Apache reads ${PORT} and ${APACHE_DOCUMENT_ROOT} from the environment when it starts.
        out.run("sed -ri -e 's!/var/www/html!${APACHE_DOCUMENT_ROOT}!g' /etc/apache2/sites-available/*.conf"
                + " /etc/apache2/apache2.conf /etc/apache2/conf-available/*.conf"
                + " && sed -ri -e 's/^Listen 80$/Listen ${PORT}/' /etc/apache2/ports.conf"
                + " && sed -ri -e 's/<VirtualHost \\*:80>/<VirtualHost *:${PORT}>/' /etc/apache2/sites-available/000-default.conf"
                + " && a2enmod rewrite");
        out.workdir("/var/www/html");
        out.copy((composer ? "--from=vendor " : "") + "--chown=www-data:www-data " + (composer ? "/app" : ".")
                + " /var/www/html");
        out.serve(PORT, "www-data", Healthcheck.BASH, start, true);
        List<String> images = composer ? List.of(composerImage, image) : List.of(image);
        return Optional.of(new BuildPlan(
                "php",
                framework,
                composer ? "composer" : null,
                version,
                install,
                build,
                start,
                PORT,
                images,
                out.text(),
                DockerIgnore.with("vendor", "**/node_modules"),
                notes));
    }
}
