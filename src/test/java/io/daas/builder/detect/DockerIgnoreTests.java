package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerIgnoreTests {

    @Test
    void buildOutputFoldersAreAnchoredToTheProjectRoot() {
        assertThat(lines(DockerIgnore.with("target", "build", ".gradle")))
                .contains("/target", "/build", "/.gradle")
                .doesNotContain("target", "build", "**/target", "**/build");
    }

    @Test
    void onlyNamesThatAreNeverSourceMatchAtAnyDepth() {
        assertThat(lines(DockerIgnore.with("**/node_modules", "/coverage")))
                .contains("node_modules", "**/node_modules", "/coverage");
    }

    @Test
    void javaAndRustProjectsGetTheirOutputOnlyAtTheRoot() {
        for (String fixture : List.of("java-spring-maven", "java-gradle-application", "java-maven-multimodule")) {
            assertThat(lines(Fixtures.plan(fixture).dockerignore()))
                    .as(fixture)
                    .contains("/target", "/build")
                    .noneMatch(l -> l.contains("**/target") || l.contains("**/build"));
        }
        assertThat(lines(Fixtures.plan("rust-workspace").dockerignore()))
                .contains("/target")
                .doesNotContain("**/target", "target");
    }

    @Test
    void dotnetOutputIsIgnoredNextToEachProjectFileOnly() {
        List<String> lines = lines(Fixtures.plan("dotnet-references").dockerignore());

        assertThat(lines).contains("/src/Web/bin", "/src/Web/obj", "/src/Core/bin", "/src/Core/obj");
        assertThat(lines).noneMatch(l -> l.contains("**/bin") || l.contains("**/obj"));
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }
}
