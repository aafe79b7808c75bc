package io.daas.builder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTests {

    @Test
    void continuationsJoinLinesAndCommentsInsideThemAreDropped() {
        ParsedDockerfile f = DockerfileParser.parse(
                "FROM busybox\nRUN echo a \\\n# a comment\n\n  && echo b\nADD http://x/\\\n  y /z\n");

        assertThat(f.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "ADD");
        assertThat(f.instructions().get(1).arguments()).isEqualTo("echo a   && echo b");
        assertThat(f.instructions().get(1).line()).isEqualTo(2);
        assertThat(f.instructions().get(2).words()).containsExactly("http://x/", "y", "/z");
        assertThat(f.instructions().get(2).line()).isEqualTo(6);
    }

    @Test
    void theEscapeDirectiveMakesTheBacktickTheContinuationCharacter() {
        ParsedDockerfile f =
                DockerfileParser.parse("# escape=`\nFROM busybox\nADD http://127.0.0.1:1/`\nsecret /s\nRUN a\\\n");

        assertThat(f.escape()).isEqualTo('`');
        assertThat(f.instructions().get(1).words()).containsExactly("http://127.0.0.1:1/secret", "/s");
        assertThat(f.instructions().get(2).arguments()).isEqualTo("a\\");
    }

    @Test
    void directivesCountOnlyBeforeAnythingElse() {
        ParsedDockerfile late = DockerfileParser.parse("# hello\n# escape=`\nFROM busybox\n");
        ParsedDockerfile syntax = DockerfileParser.parse("# syntax=docker/dockerfile:1\nFROM busybox\n");

        assertThat(late.escape()).isEqualTo('\\');
        assertThat(syntax.syntax()).isEqualTo("docker/dockerfile:1");
    }

    @Test
    void flagsJsonFormAndOnbuildAreRead() {
        ParsedDockerfile f = DockerfileParser.parse(String.join(
                "\n",
                "from --platform=linux/amd64 busybox AS Build",
                "COPY --from=build --chown=1:1 /a /b",
                "COPY --from other /a /b",
                "RUN --mount=type=bind,from=img,target=/x --mount=type=cache,target=/c true",
                "ADD [\"http://h/f\", \"/dst\"]",
                "ONBUILD ADD http://h/g /g",
                "\uFEFFnot-first-line"));

        List<Instruction> is = f.instructions();
        assertThat(is.get(0).keyword()).isEqualTo("FROM");
        assertThat(is.get(0).flag("platform")).contains("linux/amd64");
        assertThat(is.get(0).words()).containsExactly("busybox", "AS", "Build");
        assertThat(is.get(1).flag("from")).contains("build");
        assertThat(is.get(2).flag("from")).contains("other");
        assertThat(is.get(3).flags("mount")).containsExactly("type=bind,from=img,target=/x", "type=cache,target=/c");
        assertThat(is.get(4).json()).containsExactly("http://h/f", "/dst");
        assertThat(is.get(5).trigger().keyword()).isEqualTo("ADD");
        assertThat(is.get(5).trigger().words()).containsExactly("http://h/g", "/g");
    }

    @Test
    void aByteOrderMarkAndCarriageReturnsAreIgnored() {
        ParsedDockerfile f = DockerfileParser.parse("\uFEFF# escape=`\r\nFROM busybox\r\nADD a `\r\n b /c\r\n");

        assertThat(f.escape()).isEqualTo('`');
        assertThat(f.instructions().get(1).words()).containsExactly("a", "b", "/c");
    }

    @Test
    void shellWordsExpandVariablesLikeTheBuilder() {
        var known = java.util.Map.of("A", "x", "E", "");

        assertThat(ShellWord.expand("$A-${A}-${E:-d}-${A:+alt}-${E:+no}", known, true, '\\')
                        .value())
                .isEqualTo("x-x-d-alt-");
        assertThat(ShellWord.expand("'$A'\"$A\"\\$A", known, true, '\\').value())
                .isEqualTo("$Ax$A");
        assertThat(ShellWord.expand("http://$UNSET/x", known, true, '\\').value())
                .isEqualTo("http:///x");
        ShellWord.Expansion unknown = ShellWord.expand("ht${U}tp://x", known, false, '\\');
        assertThat(unknown.complete()).isFalse();
        assertThat(unknown.knownPrefix()).isEqualTo("ht");
        assertThat(ShellWord.expand("${U:-http://h}", known, false, '\\').knownPrefix())
                .isEmpty();
    }
}
