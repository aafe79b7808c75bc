package io.daas.builder.detect.go;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link GoDetector} over small inputs and fixture projects. */
class GoDetectorTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            e2e-go;      1.25; go.mod go 1.19 (raised;  /app/e2e-go; golang:1.25 gcr.io/distroless/static-debian12:nonroot
            go-cmd;      1.26; go.mod toolchain 1.26;   /app/server; golang:1.26 gcr.io/distroless/static-debian12:nonroot
            go-vendor;   1.25; go.mod go 1.23 (raised;  /app/vend;   golang:1.25 gcr.io/distroless/static-debian12:nonroot
            go-procfile; 1.25; go.mod go 1.25;          /app/pf --listen :$PORT; golang:1.25 debian:bookworm-slim
            """)
    void plansGoModules(String fixture, String version, String source, String start, String images) {
        Fixtures.check(Fixtures.plan(fixture), "go", null, "go modules", version, source, start, 8080, images);
    }

    @Test
    void aProcfileGoRunStartsTheBuiltBinaryForTheImageHasNoGo() {
        BuildPlan plan = Fixtures.plan("go-procfile-go-run");
        assertThat(plan.startCommand()).isEqualTo("/app/app");
        assertThat(plan.dockerfile())
                .doesNotContain("go run")
                .contains("COPY --from=build /src /app\n")
                .contains("COPY --from=build /out/app /app/app");
        assertThat(plan.notes()).anyMatch(n -> n.contains("go run"));
    }

    @Test
    void buildsAStaticBinaryWithoutGoSumOnDistroless() {
        BuildPlan plan = Fixtures.plan("e2e-go");
        assertThat(plan.dockerfile())
                .contains("ENV CGO_ENABLED=0 GOTOOLCHAIN=local")
                .contains("COPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .")
                .contains("go build -mod=mod -trimpath -ldflags=\"-s -w\" -o /out/e2e-go ./")
                .contains("USER nonroot:nonroot")
                .contains("CMD [\"/app/e2e-go\"]")
                .doesNotContain("HEALTHCHECK");
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("No go.sum"));
    }

    @Test
    void picksTheServerCommandUnderCmdAndNamesTheOthers() {
        BuildPlan plan = Fixtures.plan("go-cmd");
        assertThat(plan.buildCommand()).endsWith("-o /out/server ./cmd/server").doesNotContain("-mod=");
        assertThat(plan.notes()).anyMatch(n -> n.contains("cmd/migrate"));
    }

    @Test
    void vendoredModulesBuildOffline() {
        assertThat(Fixtures.plan("go-vendor").dockerfile())
                .contains("-mod=vendor")
                .doesNotContain("go mod download");
    }

    @Test
    void aShellCommandFromTheProcfileMovesTheRuntimeToDebianSlim() {
        assertThat(Fixtures.plan("go-procfile").dockerfile())
                .contains("FROM debian:bookworm-slim")
                .contains("COPY --from=build /out/pf /app/bin/pf")
                .contains("USER app")
                .contains("CMD [\"sh\", \"-c\", \"exec /app/pf --listen :$PORT\"]");
    }

    @Test
    void directivesAreMinimums() {
        assertThat(GoDetector.version("module x\n\ngo 1.27\n").value()).isEqualTo("1.27");
        assertThat(GoDetector.version("module x\n").source()).isEqualTo("default");
        assertThat(GoDetector.version("module x\ngo 1.21\ntoolchain go1.22.5\n").source())
                .startsWith("go.mod toolchain 1.22");
    }
}
