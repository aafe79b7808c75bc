package io.daas.builder.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import io.daas.builder.config.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Images as whole archives, streamed: {@code docker save} out of the engine and {@code docker load} into it. */
@Component
public class EngineArchives {

    private static final int PIPE_BYTES = 4 * 1024 * 1024;

    private final DockerHttpClient http;
    private final ObjectMapper json;
    private final DockerEngine engine;
    /** One writer thread per load in progress (not the common pool: a writer blocks on its pipe). */
    private final ExecutorService io = Executors.newCachedThreadPool(DaemonThreads.named("engine-load"));

    EngineArchives(DockerHttpClient http, ObjectMapper json, DockerEngine engine) {
        this.http = http;
        this.json = json;
        this.engine = engine;
    }

    /** Reads an archive stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface ArchiveReader {
        void read(InputStream in) throws IOException;
    }

    /** Writes an archive stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface ArchiveWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Streams {@code docker save} of one image (the engine's tar format) to {@code reader}. */
    public void save(String image, ArchiveReader reader) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/get")
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new ImageBuildFailedException("the engine could not save image " + image + ": "
                        + new String(response.getBody().readNBytes(2000), StandardCharsets.UTF_8));
            }
            reader.read(response.getBody());
        } catch (UncheckedIOException | IllegalStateException e) {
            throw engine.unavailable(e);
        }
    }

    /**
     * Streams an archive in {@code docker save} format from {@code writer} into {@code docker load}
     * while it is written; the tags its manifest names move to the loaded image.
     */
    public void load(ArchiveWriter writer) throws IOException {
        PipedInputStream body = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream sink = new PipedOutputStream(body);
        CompletableFuture<Void> writing = CompletableFuture.runAsync(
                () -> {
                    try (sink) {
                        writer.write(sink);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                io);
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/images/load?quiet=1")
                .putHeader("Content-Type", "application/x-tar")
                .body(body)
                .build();
        String answer;
        int status;
        try (DockerHttpClient.Response response = http.execute(request)) {
            answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            status = response.getStatusCode();
        } catch (UncheckedIOException | IllegalStateException e) {
            writing.cancel(true);
            throw engine.unavailable(e);
        } finally {
            body.close();
        }
        // The writer's own failure explains a refused archive better than the engine's "unexpected EOF".
        awaitWriter(writing);
        if (status != 200) {
            throw new ImageBuildFailedException("the engine refused the normalised image: " + answer);
        }
        for (String line : answer.split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                if (node.has("error") || node.has("errorDetail")) {
                    throw new ImageBuildFailedException("the engine refused the normalised image: "
                            + node.path("error").asString());
                }
            }
        }
    }

    private static void awaitWriter(CompletableFuture<Void> writing) throws IOException {
        try {
            writing.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("writing the image archive failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading the image", e);
        } catch (TimeoutException e) {
            writing.cancel(true);
            throw new IOException("the image archive writer did not finish", e);
        }
    }
}
