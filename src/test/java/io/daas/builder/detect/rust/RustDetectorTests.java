package io.daas.builder.detect.rust;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.Fixtures;
import io.daas.builder.detect.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link RustDetector} over small inputs and fixture projects. */
class RustDetectorTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            e2e-rust;       1.88; default;                      e2e-rust;   rust:1.88-slim-bookworm debian:bookworm-slim
            rust-bin;       1.80; rust-toolchain.toml;          api-server; rust:1.80-slim-bookworm debian:bookworm-slim
            rust-workspace; 1.88; rust-toolchain (stable);      web;        rust:1.88-slim-bookworm debian:bookworm-slim
            rust-msrv;      1.90; Cargo.toml rust-version;      fresh;      rust:1.90-slim-bookworm debian:bookworm-slim
            """)
    void plansCargoProjects(String fixture, String version, String source, String start, String images) {
        Fixtures.check(Fixtures.plan(fixture), "rust", null, "cargo", version, source, start, 8080, images);
    }

    @Test
    void fetchesDependenciesAgainstAStubThenBuildsTheNamedBinary() {
        assertThat(Fixtures.plan("e2e-rust").dockerfile())
                .contains("COPY Cargo.toml Cargo.lock* ./\n"
                        + "RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && cargo fetch && rm -rf src\n"
                        + "COPY . .\n")
                .contains(
                        "RUN cargo build --release --bin e2e-rust && mkdir -p /out && cp target/release/e2e-rust /out/")
                .contains("COPY --from=build /out/e2e-rust /usr/local/bin/e2e-rust")
                .contains("USER app")
                .contains("CMD [\"e2e-rust\"]")
                .contains("bash -c \"exec 3<>/dev/tcp/127.0.0.1/$PORT\"");
    }

    @Test
    void aLockfileMakesTheBuildLocked() {
        assertThat(Fixtures.plan("rust-bin").buildCommand())
                .isEqualTo("cargo build --release --locked --bin api-server");
    }

    @Test
    void workspacesBuildTheMemberBinary() {
        BuildPlan plan = Fixtures.plan("rust-workspace");
        assertThat(plan.dockerfile()).doesNotContain("cargo fetch").contains("--bin web");
        assertThat(plan.notes()).anyMatch(n -> n.contains("stable"));
    }

    @Test
    void defaultRunWithOnlySrcBinStubsEveryBinaryForTheDependencyFetch() {
        BuildPlan plan = Fixtures.plan("rust-default-run");
        assertThat(plan.startCommand()).isEqualTo("bin1");
        assertThat(plan.dockerfile())
                .contains("RUN mkdir -p src/bin && echo 'fn main() {}' > src/bin/bin1.rs"
                        + " && echo 'fn main() {}' > src/bin/bin2.rs && cargo fetch && rm -rf src\n")
                .contains("RUN cargo build --release --bin bin1 && mkdir -p /out && cp target/release/bin1 /out/");
    }

    @Test
    void globbedWorkspaceMembersAreExpandedExcludedOnesSkippedAndThePackageNamed() {
        BuildPlan plan = Fixtures.plan("rust-workspace-globs");
        assertThat(plan.buildCommand()).isEqualTo("cargo build --release --locked -p api --bin api");
        assertThat(plan.notes()).noneMatch(n -> n.contains("old-api"));
        assertThat(CargoTargets.expand(new ProjectFiles(Fixtures.path("rust-workspace-globs")), "services/*"))
                .containsExactly("services/api", "services/old-api");
    }
}
