package io.daas.builder.detect.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.Fixtures;
import io.daas.builder.detect.VersionChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link JavaDetector} over small inputs and fixture projects. */
class JavaDetectorTests {

    private static final String JAR = "java $JAVA_OPTS -jar /app/app.jar";
    private static final String BOOT = "java $JAVA_OPTS -Dserver.port=$PORT -jar /app/app.jar";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            e2e-java-maven;            -;           maven;          17; pom.xml maven.compiler.release; JAR;  maven:3.9-eclipse-temurin-17 eclipse-temurin:17-jre
            java-spring-maven;         spring-boot; maven;          21; pom.xml java.version;           BOOT; maven:3.9-eclipse-temurin-21 eclipse-temurin:21-jre
            java-maven-wrapper;        -;           maven-wrapper;  11; pom.xml maven.compiler.release; JAR;  eclipse-temurin:11-jdk eclipse-temurin:11-jre
            java-maven-multimodule;    -;           maven;          25; pom.xml maven.compiler.release; JAR;  maven:3.9-eclipse-temurin-25 eclipse-temurin:25-jre
            java-gradle-kotlin-spring; spring-boot; gradle-wrapper; 17; build.gradle toolchain;         BOOT; eclipse-temurin:17-jdk eclipse-temurin:17-jre
            java-gradle-application;   -;           gradle;         21; build.gradle sourceCompatibility 19 (next LTS); /app/bin/hello; gradle:8-jdk21 eclipse-temurin:21-jre
            """)
    void plansMavenAndGradleProjects(
            String fixture,
            String framework,
            String manager,
            String version,
            String source,
            String start,
            String images) {
        String command = start.equals("JAR") ? JAR : start.equals("BOOT") ? BOOT : start;
        Fixtures.check(Fixtures.plan(fixture), "java", framework, manager, version, source, command, 8080, images);
    }

    @Test
    void mavenResolvesDependenciesBeforeTheSourceAndRunsTheJarOnAJre() {
        String dockerfile = Fixtures.plan("java-spring-maven").dockerfile();
        assertThat(dockerfile)
                .contains("COPY pom.xml ./\n# warms the dependency layer; the package step below reports real errors\n"
                        + "RUN mvn -B -q dependency:go-offline || true\nCOPY . .\n")
                .contains(
                        "RUN mvn -B -DskipTests package && mkdir -p /out && cp \"$(find . -regex '.*/target/[^/]*\\.jar'")
                .contains("FROM eclipse-temurin:21-jre")
                .contains("COPY --from=build /out/app.jar /app/app.jar")
                .contains("USER app")
                .contains("CMD [\"sh\", \"-c\", \"exec " + BOOT + "\"]")
                .doesNotContain("openjdk");
    }

    @Test
    void wrappersAreUsedWhenPresent() {
        assertThat(Fixtures.plan("java-maven-wrapper").dockerfile())
                .contains("COPY mvnw ./\nCOPY .mvn ./.mvn\nRUN chmod +x mvnw")
                .contains("./mvnw -B -DskipTests package");
        assertThat(Fixtures.plan("java-gradle-kotlin-spring").dockerfile())
                .contains("COPY gradlew ./\nCOPY gradle ./gradle\nRUN chmod +x gradlew")
                .contains("RUN ./gradlew --no-daemon -x test bootJar")
                .contains("build/libs");
    }

    @Test
    void aJarWithoutAMainClassIsNoted() {
        assertThat(Fixtures.plan("java-maven-wrapper").notes()).anyMatch(n -> n.contains("no main class"));
        assertThat(Fixtures.plan("e2e-java-maven").notes()).isEmpty();
    }

    @Test
    void multiModuleBuildsCopyEverythingFirst() {
        assertThat(Fixtures.plan("java-maven-multimodule").dockerfile()).doesNotContain("COPY pom.xml ./");
    }

    @Test
    void gradleApplicationsRunTheirStartScript() {
        assertThat(Fixtures.plan("java-gradle-application").dockerfile())
                .contains("cp -r build/install/hello/. /out/")
                .contains("COPY --from=build /out/ /app/")
                .contains("CMD [\"/app/bin/hello\"]");
    }

    @Test
    void releasesMapToTheNextTemurinLts() {
        assertThat(JavaDetector.lts(new VersionChoice("1.8", "x")).value()).isEqualTo("8");
        assertThat(JavaDetector.lts(new VersionChoice("22", "x")).value()).isEqualTo("25");
        assertThat(JavaDetector.lts(new VersionChoice("17", "x")).source()).isEqualTo("x");
    }

    @Test
    void aProcfileCommandRunsInTheBuildWorkspaceSoTargetPathsResolve() {
        BuildPlan plan = Fixtures.plan("java-procfile");
        assertThat(plan.startCommand()).isEqualTo("java -Dserver.port=$PORT $JAVA_OPTS -jar target/shop-1.0.0.jar");
        assertThat(plan.dockerfile())
                .contains("FROM eclipse-temurin:21-jre\nWORKDIR /app\n")
                .contains("COPY --from=build /app /app")
                .contains(
                        "CMD [\"sh\", \"-c\", \"exec java -Dserver.port=$PORT $JAVA_OPTS -jar target/shop-1.0.0.jar\"]");
    }
}
