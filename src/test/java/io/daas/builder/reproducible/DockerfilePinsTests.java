package io.daas.builder.reproducible;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.dockerfile.DockerfileParser;
import io.daas.builder.dockerfile.Instruction;
import io.daas.builder.engine.EngineImages.ImageFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerfilePinsTests {

    private static final ImageFacts PUSHED = new ImageFacts(
            "sha256:" + "a".repeat(64),
            List.of("127.0.0.1:5000/mirror/python@sha256:" + "b".repeat(64)),
            List.of("sha256:" + "c".repeat(64)),
            10);
    private static final ImageFacts LOCAL =
            new ImageFacts("sha256:" + "d".repeat(64), List.of(), List.of("sha256:" + "e".repeat(64)), 10);

    @Test
    void everyBaseIsPinnedByItsRegistryDigestAndEveryStageDeclaresTheEpoch() {
        DockerfilePins.Pinned p = DockerfilePins.pin(
                "FROM --platform=linux/amd64 127.0.0.1:5000/mirror/python:3.12-slim AS build\n"
                        + "RUN make\n"
                        + "FROM build AS test\n"
                        + "FROM scratch\n"
                        + "COPY --from=build /out /out\n",
                name -> Optional.of(ReproducibleBuilds.pinned(name, PUSHED)));

        assertThat(p.dockerfile())
                .isEqualTo("FROM --platform=linux/amd64 127.0.0.1:5000/mirror/python@sha256:" + "b".repeat(64)
                        + " AS build\nARG SOURCE_DATE_EPOCH\nRUN make\nFROM build AS test\nARG SOURCE_DATE_EPOCH\n"
                        + "FROM scratch\nARG SOURCE_DATE_EPOCH\nCOPY --from=build /out /out\n");
        assertThat(p.bases()).hasSize(1);
        assertThat(p.bases().get(0).diffIds()).isEqualTo(PUSHED.diffIds());
        assertThat(p.notes()).isEmpty();
    }

    @Test
    void anImageWithoutARegistryDigestIsPinnedByItsIdWithANote() {
        DockerfilePins.Pinned p = DockerfilePins.pin(
                "FROM busybox:latest\n", name -> Optional.of(ReproducibleBuilds.pinned(name, LOCAL)));

        assertThat(p.dockerfile()).startsWith("FROM sha256:" + "d".repeat(64) + "\n");
        assertThat(p.notes()).singleElement().asString().contains("no registry digest", "busybox:latest");
    }

    @Test
    void anImageNamedThroughABuildArgOrUnknownToTheEngineIsLeftByNameWithANote() {
        Map<String, ImageFacts> none = Map.of();
        DockerfilePins.Pinned p = DockerfilePins.pin(
                "ARG BASE=x\nFROM $BASE\nFROM missing:1\n",
                name -> Optional.ofNullable(none.get(name)).map(f -> ReproducibleBuilds.pinned(name, f)));

        assertThat(p.dockerfile()).contains("FROM $BASE\n", "FROM missing:1\n");
        assertThat(p.notes()).hasSize(2);
    }

    @Test
    void aFromLineInsideAContinuedRunIsNotPinnedAndTheEpochLineUnhidesNoInstruction() {
        String hostile = "FROM 127.0.0.1:5000/mirror/python:3.12-slim\n"
                + "RUN echo \\\n"
                + "FROM scratch \\\n"
                + "ADD http://127.0.0.1:5000/v2/_catalog /catalog\n"
                + "CMD [\"cat\", \"/catalog\"]\n";
        List<String> resolved = new java.util.ArrayList<>();
        DockerfilePins.Pinned p = DockerfilePins.pin(hostile, name -> {
            resolved.add(name);
            return Optional.of(ReproducibleBuilds.pinned(name, PUSHED));
        });

        assertThat(resolved).containsExactly("127.0.0.1:5000/mirror/python:3.12-slim");
        assertThat(DockerfileParser.parse(p.dockerfile()).instructions())
                .extracting(Instruction::keyword)
                .containsExactly("FROM", "ARG", "RUN", "CMD");
    }

    @Test
    void aFromWrittenOverSeveralLinesKeepsItsLinesAndTheEpochFollowsTheWholeInstruction() {
        DockerfilePins.Pinned p = DockerfilePins.pin(
                "# escape=`\nFROM busybox:latest `\n  AS base\nRUN true\n",
                name -> Optional.of(ReproducibleBuilds.pinned(name, LOCAL)));

        assertThat(DockerfileParser.parse(p.dockerfile()).instructions())
                .extracting(Instruction::keyword)
                .containsExactly("FROM", "ARG", "RUN");
        assertThat(p.dockerfile()).contains("FROM busybox:latest `\n  AS base\nARG SOURCE_DATE_EPOCH\n");
        assertThat(p.notes()).singleElement().asString().contains("several lines");
    }

    @Test
    void theRepositoryOfANameWithARegistryPortIsFoundBeforeTheTag() {
        assertThat(ReproducibleBuilds.repositoryOf("127.0.0.1:5000/mirror/node:22-slim"))
                .isEqualTo("127.0.0.1:5000/mirror/node");
        assertThat(ReproducibleBuilds.repositoryOf("127.0.0.1:5000/mirror/node"))
                .isEqualTo("127.0.0.1:5000/mirror/node");
    }
}
