package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Dockerfile}: CMD forms and stage layout. */
class DockerfileTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            node server.js                      | ["node", "server.js"]
            npm start                           | ["npm", "start"]
            gunicorn app:app --bind :$PORT      | ["sh", "-c", "exec gunicorn app:app --bind :$PORT"]
            ./migrate && ./serve                | ["sh", "-c", "./migrate && ./serve"]
            FOO=1 node x.js                     | ["sh", "-c", "FOO=1 node x.js"]
            echo "hi"                           | ["sh", "-c", "exec echo \\"hi\\""]
            """)
    void startCommandsUseExecFormUnlessTheyNeedAShell(String command, String cmd) {
        assertThat(Dockerfile.cmd(command, true)).isEqualTo(cmd);
    }

    @Test
    void withoutAShellTheCommandIsSplitIntoWords() {
        assertThat(Dockerfile.cmd("/app/server --port $PORT", false))
                .isEqualTo("[\"/app/server\", \"--port\", \"$PORT\"]");
    }

    @Test
    void stagesAreSeparatedByABlankLine() {
        String text = new Dockerfile().from("a", "build").run("x").from("b").text();
        assertThat(text).isEqualTo("FROM a AS build\nRUN x\n\nFROM b\n");
    }

    @Test
    void noHealthcheckForImagesWithoutTools() {
        assertThat(Healthcheck.NONE.instruction()).isNull();
        assertThat(Healthcheck.WGET.instruction())
                .startsWith("HEALTHCHECK --interval=30s")
                .endsWith("|| exit 1");
    }
}
