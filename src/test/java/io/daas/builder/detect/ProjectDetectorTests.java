package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.detect.node.DevServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link ProjectDetector}: invariants of every generated Dockerfile, unknown bundles, mirrors. */
class ProjectDetectorTests {

    static List<String> fixtures() {
        return Fixtures.all();
    }

    @Test
    void thereAreAtLeastFortyFixtures() {
        assertThat(Fixtures.all()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyGeneratedDockerfileRunsAsNonRootExposesItsPortAndNeedsNoBuildKit(String fixture) {
        BuildPlan plan = Fixtures.plan(fixture);
        if (plan.dockerfile() == null) {
            assertThat(plan.notes()).as("a plan without a Dockerfile says why").isNotEmpty();
            return;
        }
        List<String> lines = plan.dockerfile().lines().toList();
        assertThat(lines.get(0)).startsWith("FROM ");
        assertThat(plan.dockerfile())
                .doesNotContain("# syntax")
                .doesNotContain("--mount")
                .doesNotContain("openjdk:");
        assertThat(lines).contains("EXPOSE " + plan.port(), "ENV PORT=" + plan.port());
        assertThat(lines.get(lines.size() - 1)).startsWith("CMD [");
        List<String> finalStage = lines.subList(lastIndexStartingWith(lines, "FROM "), lines.size());
        String user = finalStage.stream()
                .filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElse("USER root");
        assertThat(user).isNotIn("USER root", "USER 0", "USER root:root");
        List<String> froms = new ArrayList<>();
        lines.stream()
                .filter(l -> l.startsWith("FROM "))
                .forEach(l -> froms.add(l.substring(5).split(" ")[0]));
        assertThat(froms.stream().distinct()).containsExactlyInAnyOrderElementsOf(plan.baseImages());
        boolean shell = !froms.get(froms.size() - 1).contains("distroless");
        assertThat(plan.dockerfile().contains("HEALTHCHECK"))
                .as("healthcheck only where a tool exists")
                .isEqualTo(shell);
        assertThat(plan.dockerignore())
                .isEqualTo(fixture.equals("static-with-dockerignore") ? null : plan.dockerignore());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void noGeneratedDockerfileStartsADevelopmentServer(String fixture) {
        BuildPlan plan = Fixtures.plan(fixture);
        if (plan.dockerfile() != null) {
            String cmd = plan.dockerfile().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(DevServers.isDev(cmd.replace("\"", " ").replace(",", " ")))
                    .as(cmd)
                    .isFalse();
            assertThat(DevServers.isDev(plan.startCommand()))
                    .as(plan.startCommand())
                    .isFalse();
        }
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return 0;
    }

    @Test
    void anUnrecognisedBundleSaysWhatIsMissingAndHowToAddADockerfile() {
        BuildPlan plan = Fixtures.plan("unknown-readme");
        assertThat(plan.language()).isEqualTo("unknown");
        assertThat(plan.dockerfile()).isNull();
        assertThat(plan.recognised()).isFalse();
        assertThat(plan.notes())
                .singleElement()
                .asString()
                .contains("package.json")
                .contains("Add a Dockerfile");
    }

    @Test
    void aBundleWithItsOwnDockerignoreGetsNone() {
        assertThat(Fixtures.plan("static-with-dockerignore").dockerignore()).isNull();
        assertThat(Fixtures.plan("e2e-node").dockerignore())
                .contains("node_modules")
                .contains(".git");
        assertThat(Fixtures.plan("e2e-rust").dockerignore()).contains("target");
    }

    @Test
    void theProcfileCommandIsNoted() {
        assertThat(Fixtures.plan("node-procfile").notes()).contains("Start command taken from the Procfile web: line.");
    }

    @Test
    void theMirrorPrefixesEveryBaseImage() {
        ProjectDetector detector = new ProjectDetector(new DetectionSettings("127.0.0.1:5000/mirror/", Map.of()));
        BuildPlan go = detector.detect(Fixtures.path("e2e-go"));
        assertThat(go.baseImages())
                .containsExactly(
                        "127.0.0.1:5000/mirror/golang:1.25",
                        "127.0.0.1:5000/mirror/gcr.io/distroless/static-debian12:nonroot");
        assertThat(go.dockerfile()).contains("FROM 127.0.0.1:5000/mirror/golang:1.25 AS build");
        assertThat(detector.detect(Fixtures.path("e2e-node")).dockerfile())
                .startsWith("FROM 127.0.0.1:5000/mirror/node:22-slim\n");
    }

    @Test
    void anOverrideReplacesTheImageForItsRoleOnly() {
        ProjectDetector detector = new ProjectDetector(new DetectionSettings(
                "mirror.local", Map.of("node", "myreg/node:22-slim", "go-runtime", "scratchy:1")));
        assertThat(detector.detect(Fixtures.path("node-vite")).baseImages())
                .containsExactly("myreg/node:22-slim", "mirror.local/busybox:1.36");
        assertThat(detector.detect(Fixtures.path("e2e-go")).baseImages())
                .containsExactly("mirror.local/golang:1.25", "scratchy:1");
    }

    @Test
    void aNullSettingsMeansDefaults() {
        assertThat(new ProjectDetector(null).detect(Fixtures.path("e2e-python")).baseImages())
                .containsExactly("python:3.12-slim");
    }
}
