package io.daas.builder.engine.run;

import com.github.dockerjava.transport.DockerHttpClient;
import io.daas.builder.engine.output.EngineMessages;
import io.daas.builder.engine.output.LineAssembler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The engine's answer to one {@code POST /build}, read to its end: output and status texts become
 * lines, and what the build ended with is kept (the image id, or the engine's error).
 */
final class BuildAnswer {

    private final ObjectMapper json;
    private final LineAssembler lines;
    private volatile String imageId;
    private volatile String error;

    BuildAnswer(ObjectMapper json, LineAssembler lines) {
        this.json = json;
        this.lines = lines;
    }

    /** The id of the image the engine built, or null. */
    String imageId() {
        return imageId;
    }

    /** The engine's error, or null. */
    String error() {
        return error;
    }

    /** Reads the answer to its end. */
    void read(DockerHttpClient.Response answer) throws IOException {
        if (answer.getStatusCode() != 200) {
            error = engineMessage(answer.getBody().readNBytes(8192));
            return;
        }
        new EngineMessages(answer.getBody(), json, new EngineMessages.Handler() {
                    @Override
                    public void message(JsonNode message) {
                        onMessage(message);
                    }

                    @Override
                    public void streamText(CharSequence piece) {
                        lines.accept(piece);
                    }

                    @Override
                    public void dropped(long bytes) {
                        lines.flush();
                        lines.accept("[daas] an engine message of " + bytes + " bytes was dropped (past "
                                + EngineMessages.MAX_MESSAGE_BYTES + ")\n");
                    }
                })
                .readAll();
        lines.flush();
    }

    private void onMessage(JsonNode message) {
        JsonNode stream = message.get("stream");
        if (stream != null) {
            lines.accept(stream.asString());
        }
        JsonNode status = message.get("status");
        if (status != null) {
            lines.accept(status.asString() + "\n");
        }
        JsonNode aux = message.path("aux").get("ID");
        if (aux != null) {
            imageId = aux.asString();
        }
        JsonNode detail = message.path("errorDetail").get("message");
        JsonNode plain = message.get("error");
        if (detail != null || plain != null) {
            error = detail != null ? detail.asString() : plain.asString();
            lines.flush();
            lines.accept(error + "\n");
        }
    }

    private String engineMessage(byte[] answer) {
        String body = new String(answer, StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = json.readTree(body);
            if (node.hasNonNull("message")) {
                return node.get("message").asString();
            }
        } catch (RuntimeException e) {
            // not JSON: use the text
        }
        return body;
    }
}
