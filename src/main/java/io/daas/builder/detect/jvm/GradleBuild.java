package io.daas.builder.detect.jvm;

import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The facts detection needs from build.gradle(.kts) and settings.gradle(.kts), read as text. */
record GradleBuild(String build, String settings) {

    private static final Pattern TOOLCHAIN = Pattern.compile(
            "languageVersion(?:\\.set\\(|\\s*=\\s*|\\s*\\(\\s*)?\\s*JavaLanguageVersion\\.of\\(\\s*['\"]?(\\d+)");
    private static final Pattern COMPATIBILITY = Pattern.compile(
            "(?:sourceCompatibility|targetCompatibility)\\s*=\\s*(?:JavaVersion\\.VERSION_(?:1_)?|['\"](?:1\\.)?)(\\d+)");
    private static final Pattern JVM_TOOLCHAIN = Pattern.compile("jvmToolchain\\(\\s*(\\d+)\\s*\\)");
    private static final Pattern ROOT_NAME = Pattern.compile("rootProject\\.name\\s*=\\s*['\"]([^'\"]+)['\"]");

    static Optional<GradleBuild> read(ProjectFiles files) {
        Optional<String> build = files.first("build.gradle.kts", "build.gradle").flatMap(files::read);
        if (build.isEmpty()) {
            return Optional.empty();
        }
        String settings = files.first("settings.gradle.kts", "settings.gradle")
                .flatMap(files::read)
                .orElse("");
        return Optional.of(new GradleBuild(build.get(), settings));
    }

    Optional<VersionChoice> javaVersion() {
        for (Pattern pattern : new Pattern[] {TOOLCHAIN, JVM_TOOLCHAIN, COMPATIBILITY}) {
            Matcher m = pattern.matcher(build);
            if (m.find()) {
                String source =
                        pattern == COMPATIBILITY ? "build.gradle sourceCompatibility" : "build.gradle toolchain";
                return Optional.of(new VersionChoice(m.group(1), source));
            }
        }
        return Optional.empty();
    }

    boolean springBoot() {
        return build.contains("org.springframework.boot");
    }

    boolean application() {
        return build.matches("(?s).*(\\bapplication\\b|id\\s*\\(?\\s*['\"]application['\"]).*")
                && build.contains("mainClass");
    }

    /** The root project name; in the image the project sits in /app, so "app" by default. */
    String rootName() {
        Matcher m = ROOT_NAME.matcher(settings);
        return m.find() ? m.group(1) : "app";
    }
}
