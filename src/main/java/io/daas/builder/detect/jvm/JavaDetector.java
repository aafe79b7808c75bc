package io.daas.builder.detect.jvm;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Java with Maven or Gradle (and their wrappers): a jar built in a JDK stage, run on a Temurin JRE. */
public final class JavaDetector implements LanguageDetector {

    static final String DEFAULT_VERSION = "21";
    static final int PORT = 8080;
    private static final List<Integer> LTS = List.of(8, 11, 17, 21, 25);
    private static final String SKIP_JARS = " ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name '*-tests.jar'"
            + " ! -name '*-plain.jar' ! -name 'original-*'";

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        Optional<String> pomText = files.read("pom.xml");
        Optional<GradleBuild> gradle = pomText.isPresent() ? Optional.empty() : GradleBuild.read(files);
        if (pomText.isEmpty() && gradle.isEmpty()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        Optional<MavenPom> pom = pomText.flatMap(MavenPom::parse);
        if (pomText.isPresent() && pom.isEmpty()) {
            notes.add("pom.xml does not parse as XML; Maven will say why.");
        }
        Optional<VersionChoice> declared = pinned(files)
                .or(() -> pom.isPresent() ? pom.get().javaVersion() : gradle.flatMap(GradleBuild::javaVersion));
        VersionChoice asked = context.versionLine(1);
        VersionChoice version = asked != null
                ? lts(asked)
                : declared.map(JavaDetector::lts).orElse(VersionChoice.defaulted(DEFAULT_VERSION));
        boolean springBoot = pom.map(MavenPom::springBoot).orElse(false)
                || gradle.map(GradleBuild::springBoot).orElse(false);
        String runtime = context.image("java-runtime", "eclipse-temurin:" + version.value() + "-jre");
        Dockerfile out = new Dockerfile();
        String builder;
        String install;
        String build;
        String start = springBoot
                ? "java $JAVA_OPTS -Dserver.port=$PORT -jar /app/app.jar"
                : "java $JAVA_OPTS -jar /app/app.jar";
        String artifact = "/out/app.jar";
        String manager;
        if (pomText.isPresent()) {
            boolean wrapper = files.isFile("mvnw") && files.isDirectory(".mvn");
            manager = wrapper ? "maven-wrapper" : "maven";
            builder = wrapper
                    ? context.image("java-jdk", "eclipse-temurin:" + version.value() + "-jdk")
                    : context.image("maven", "maven:3.9-eclipse-temurin-" + version.value());
            String mvn = wrapper ? "./mvnw" : "mvn";
            install = mvn + " -B -q dependency:go-offline";
            build = mvn + " -B -DskipTests package";
            out.from(builder, "build").workdir("/app");
            if (wrapper) {
                out.copy("mvnw ./").copy(".mvn ./.mvn").run("chmod +x mvnw");
            }
            if (!pom.map(MavenPom::multiModule).orElse(false)) {
                out.copy("pom.xml ./");
                out.comment("warms the dependency layer; the package step below reports real errors");
                out.run(install + " || true");
            }
            out.copy(". .");
            out.run(build + " && mkdir -p /out && cp \"$(" + largestJar("target") + ")\" " + artifact);
            if (!pom.map(MavenPom::executableJar).orElse(false)) {
                notes.add("The pom names no main class (no Spring Boot, shade, assembly or manifest mainClass);"
                        + " java -jar may not find one.");
            }
        } else {
            GradleBuild g = gradle.get();
            boolean wrapper = files.isFile("gradlew") && files.isFile("gradle/wrapper/gradle-wrapper.jar");
            manager = wrapper ? "gradle-wrapper" : "gradle";
            builder = wrapper
                    ? context.image("java-jdk", "eclipse-temurin:" + version.value() + "-jdk")
                    : context.image("gradle", "gradle:8-jdk" + version.value());
            String gradlew = wrapper ? "./gradlew" : "gradle";
            install = gradlew + " --no-daemon dependencies";
            String task = springBoot ? "bootJar" : g.application() ? "installDist" : "assemble";
            build = gradlew + " --no-daemon -x test " + task;
            out.from(builder, "build").workdir("/app");
            if (wrapper) {
                out.copy("gradlew ./").copy("gradle ./gradle").run("chmod +x gradlew");
            }
            out.copy("build.gradle* settings.gradle* gradle.properties* ./");
            out.comment("warms the dependency layer; the build step below reports real errors");
            out.run(install + " > /dev/null 2>&1 || true");
            out.copy(". .");
            if (task.equals("installDist")) {
                artifact = "/out/";
                start = "/app/bin/" + g.rootName();
                out.run(build + " && mkdir -p /out && cp -r build/install/" + g.rootName() + "/. /out/");
            } else {
                out.run(build + " && mkdir -p /out && cp \"$(" + largestJar("build/libs") + ")\" " + artifact);
            }
        }
        start = context.start(start);
        out.from(runtime).workdir("/app").line(Dockerfile.DEBIAN_USER);
        if (context.procfileWeb() != null) {
            // Procfiles name build outputs where the build left them (java -jar target/x.jar).
            out.copy("--from=build /app /app");
            notes.add(
                    "The Procfile command runs in the whole build workspace, so its paths (target/, build/) resolve.");
        }
        out.copy("--from=build " + artifact + (artifact.endsWith("/") ? " /app/" : " /app/app.jar"));
        out.env("JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75");
        out.serve(PORT, "app", Healthcheck.BASH, start, true);
        return Optional.of(new BuildPlan(
                "java",
                springBoot ? "spring-boot" : null,
                manager,
                version,
                install,
                build,
                start,
                PORT,
                List.of(builder, runtime),
                out.text(),
                DockerIgnore.with("target", "build", ".gradle"),
                notes));
    }

    /** The biggest jar in a dir of the build: a fat jar outweighs its thin and source siblings. */
    private static String largestJar(String dir) {
        return "find . -regex '.*/" + dir + "/[^/]*\\.jar'" + SKIP_JARS
                + " -printf '%s %p\\n' | sort -rn | head -n 1 | cut -d' ' -f2";
    }

    /**
     * A version pinned beside the build: .java-version (jenv, "17" or "17.0.2"), .sdkmanrc
     * ("java=21.0.2-tem") or Heroku's system.properties ("java.runtime.version=17").
     */
    static Optional<VersionChoice> pinned(ProjectFiles files) {
        Optional<String> jenv = files.firstLine(".java-version").filter(v -> v.matches("(1\\.)?\\d+.*"));
        if (jenv.isPresent()) {
            return Optional.of(new VersionChoice(jenv.get(), ".java-version"));
        }
        for (String[] file : new String[][] {{".sdkmanrc", "java="}, {"system.properties", "java.runtime.version="}}) {
            Optional<String> line = files.read(file[0])
                    .flatMap(text -> text.lines()
                            .map(String::strip)
                            .filter(l -> l.startsWith(file[1]))
                            .map(l -> l.substring(file[1].length()).strip())
                            .filter(v -> v.matches("(1\\.)?\\d+.*"))
                            .findFirst());
            if (line.isPresent()) {
                return Optional.of(new VersionChoice(line.get(), file[0]));
            }
        }
        return Optional.empty();
    }

    /** The Temurin line for a declared release: itself when it is an LTS, else the next LTS. */
    static VersionChoice lts(VersionChoice declared) {
        String raw = declared.value().replaceFirst("^1\\.", "");
        int release = Integer.parseInt(
                raw.replaceAll("\\D.*$", "").isEmpty() ? DEFAULT_VERSION : raw.replaceAll("\\D.*$", ""));
        int line = LTS.stream().filter(v -> v >= release).findFirst().orElse(LTS.get(LTS.size() - 1));
        String source = line == release ? declared.source() : declared.source() + " " + release + " (next LTS)";
        return new VersionChoice(String.valueOf(line), source);
    }
}
