package io.daas.builder.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.transport.DockerHttpClient;
import io.daas.builder.engine.output.LineAssembler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BuildAnswerTests {

    private final List<String> lines = new ArrayList<>();
    private final BuildAnswer answer =
            new BuildAnswer(JsonMapper.builder().build(), new LineAssembler(l -> lines.add(l.text())));

    @Test
    void aSuccessfulBuildGivesItsOutputAsLinesAndTheImageId() throws IOException {
        answer.read(response(200, """
                {"stream":"Step 1/2 : FROM busybox\\n"}
                {"stream":" ---\\u003e 0a5d1ae6f2ab\\nStep 2/2 : RUN echo hi\\n"}
                {"status":"Downloading","progressDetail":{}}
                {"aux":{"ID":"sha256:4f2e"}}
                {"stream":"Successfully built 4f2e\\n"}
                """));

        assertThat(lines)
                .containsExactly(
                        "Step 1/2 : FROM busybox",
                        " ---> 0a5d1ae6f2ab",
                        "Step 2/2 : RUN echo hi",
                        "Downloading",
                        "Successfully built 4f2e");
        assertThat(answer.imageId()).isEqualTo("sha256:4f2e");
        assertThat(answer.error()).isNull();
    }

    @Test
    void theEnginesErrorEndsTheOutputAndIsKept() throws IOException {
        answer.read(response(200, """
                {"stream":"partial line without newline"}
                {"errorDetail":{"code":1,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"short"}
                """));

        assertThat(answer.error()).isEqualTo("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
        assertThat(answer.imageId()).isNull();
        assertThat(lines)
                .containsExactly(
                        "partial line without newline", "The command '/bin/sh -c exit 3' returned a non-zero code: 3");
    }

    @Test
    void aRefusedRequestGivesTheEnginesMessageJsonOrNot() throws IOException {
        answer.read(response(400, "{\"message\":\"dockerfile parse error line 1: unknown instruction: FORM\"}"));
        assertThat(answer.error()).isEqualTo("dockerfile parse error line 1: unknown instruction: FORM");

        BuildAnswer plain = new BuildAnswer(JsonMapper.builder().build(), new LineAssembler(l -> {}));
        plain.read(response(500, "  engine on fire \n"));
        assertThat(plain.error()).isEqualTo("engine on fire");
    }

    private static DockerHttpClient.Response response(int status, String body) {
        InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        return new DockerHttpClient.Response() {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public Map<String, List<String>> getHeaders() {
                return Map.of();
            }

            @Override
            public InputStream getBody() {
                return in;
            }

            @Override
            public void close() {}
        };
    }
}
