package io.daas.builder.detect.ruby;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import io.daas.builder.detect.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ruby with Bundler: Rails, Rack (config.ru) or a plain script; gems built in a separate stage. */
public final class RubyDetector implements LanguageDetector {

    static final String DEFAULT_VERSION = "3.3";
    static final int PORT = 3000;
    private static final List<String> CANDIDATES = List.of("3.3", "3.4", "3.2", "3.1", "3.0", "2.7");
    private static final Pattern GEMFILE_RUBY = Pattern.compile("(?m)^\\s*ruby\\s+['\"]([^'\"]+)['\"]");

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        Optional<String> gemfile = files.read("Gemfile");
        if (gemfile.isEmpty()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        VersionChoice version = version(files, gemfile.get(), notes);
        String image = context.image("ruby", "ruby:" + version.value() + "-slim");
        boolean rails = gem(gemfile.get(), "rails") && files.isFile("config/application.rb");
        String start;
        if (rails) {
            start = "bin/rails server -b 0.0.0.0 -p $PORT";
        } else if (files.isFile("config.ru")) {
            start = gem(gemfile.get(), "puma")
                    ? "bundle exec puma -b tcp://0.0.0.0:$PORT"
                    : "bundle exec rackup --host 0.0.0.0 --port $PORT";
        } else {
            start = files.first("app.rb", "main.rb", "server.rb")
                    .map(f -> "bundle exec ruby " + f)
                    .orElse(null);
        }
        start = context.start(start);
        boolean locked = files.isFile("Gemfile.lock");
        String env = "BUNDLE_PATH=/usr/local/bundle BUNDLE_WITHOUT=development:test"
                + (locked ? " BUNDLE_DEPLOYMENT=1" : "");
        String install = "bundle install";
        String build = rails && (files.isDirectory("app/assets") || files.isDirectory("app/javascript"))
                ? "SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile"
                : null;
        String dockerfile = null;
        if (start == null) {
            notes.add("No Rails app, config.ru or app.rb: add a Procfile web: line. "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
        } else {
            boolean pg = gem(gemfile.get(), "pg");
            Dockerfile out =
                    new Dockerfile().from(image, "build").workdir("/app").env(env);
            out.run("apt-get update && apt-get install -y --no-install-recommends build-essential git pkg-config"
                    + " libyaml-dev" + (pg ? " libpq-dev" : "") + " && rm -rf /var/lib/apt/lists/*");
            out.copy("Gemfile" + (locked ? " Gemfile.lock" : "") + " ./");
            out.run(install);
            out.copy(". .");
            if (build != null) {
                out.run(build);
            }
            out.from(image)
                    .workdir("/app")
                    .env(env
                            + (rails
                                    ? " RAILS_ENV=production RAILS_LOG_TO_STDOUT=1" + " RAILS_SERVE_STATIC_FILES=1"
                                    : ""));
            if (pg) {
                out.run(
                        "apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*");
            }
            out.line(Dockerfile.DEBIAN_USER);
            out.copy("--from=build /usr/local/bundle /usr/local/bundle");
            // Rails writes to tmp/ and log/ at run time.
            out.copy("--from=build --chown=app:app /app /app");
            dockerfile = out.serve(PORT, "app", Healthcheck.BASH, start, true).text();
        }
        return Optional.of(new BuildPlan(
                "ruby",
                rails ? "rails" : null,
                "bundler",
                version,
                install,
                build,
                start,
                PORT,
                List.of(image),
                dockerfile,
                DockerIgnore.with(".bundle", "vendor/bundle", "log/*", "tmp/*", "node_modules"),
                notes));
    }

    static boolean gem(String gemfile, String name) {
        return Pattern.compile("(?m)^\\s*gem\\s+['\"]" + Pattern.quote(name) + "['\"]")
                .matcher(gemfile)
                .find();
    }

    private static VersionChoice version(ProjectFiles files, String gemfile, List<String> notes) {
        Optional<String> pinned = files.firstLine(".ruby-version").map(v -> v.replaceFirst("^ruby-", ""));
        String source = ".ruby-version";
        if (pinned.isEmpty()) {
            Matcher m = GEMFILE_RUBY.matcher(gemfile);
            pinned = m.find() ? Optional.of(m.group(1)) : Optional.empty();
            source = "Gemfile ruby";
        }
        if (pinned.isEmpty()) {
            return VersionChoice.defaulted(DEFAULT_VERSION);
        }
        String wanted = pinned.get().replace("~>", "~=");
        Optional<String> picked = VersionRange.pick(wanted, CANDIDATES);
        if (picked.isEmpty()) {
            notes.add("No Ruby image line matches " + source + " \"" + pinned.get() + "\"; using " + DEFAULT_VERSION
                    + ".");
            return VersionChoice.defaulted(DEFAULT_VERSION);
        }
        return new VersionChoice(picked.get(), source);
    }
}
