package io.daas.builder.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Images as whole archives: facts, save, load, pull, and one file read out of an image. */
@Component
public class EngineImages {

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final ObjectMapper json;
    private final DockerEngine engine;
    /** One writer thread per load in progress (not the common pool: a writer blocks on its pipe). */
    private final ExecutorService io = Executors.newCachedThreadPool(DaemonThreads.named("engine-load"));

    EngineImages(DockerClient docker, DockerHttpClient http, ObjectMapper json, DockerEngine engine) {
        this.docker = docker;
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

    /** What the engine knows of an image, or empty when it has none by that name or id. */
    public Optional<ImageFacts> facts(String image) {
        try {
            InspectImageResponse r = docker.inspectImageCmd(image).exec();
            List<String> layers = r.getRootFS() == null || r.getRootFS().getLayers() == null
                    ? List.of()
                    : List.copyOf(r.getRootFS().getLayers());
            List<String> digests = r.getRepoDigests() == null ? List.of() : List.copyOf(r.getRepoDigests());
            return Optional.of(new ImageFacts(r.getId(), digests, layers, r.getSize() == null ? 0 : r.getSize()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw engine.unavailable(e);
        }
    }

    /** Removes an image by id unless a tag or a container still uses it. */
    public void removeIfUnused(String imageId) {
        try {
            docker.removeImageCmd(imageId).withForce(false).exec();
        } catch (RuntimeException e) {
            // still tagged (another build reuses it) or used by a container: it stays
        }
    }

    /** Pulls an image the engine lacks; false when the registry does not give it. */
    public boolean pull(String reference) {
        try {
            return docker.pullImageCmd(reference)
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(300, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return false;
        }
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
     * Streams an archive in {@code docker save} format from {@code writer} into {@code docker load};
     * the tags its manifest names move to the loaded image.
     */
    public void load(ArchiveWriter writer) throws IOException {
        PipedInputStream body = new PipedInputStream(1024 * 1024);
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
        try (DockerHttpClient.Response response = http.execute(request)) {
            answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200) {
                throw new ImageBuildFailedException("the engine refused the normalised image: " + answer);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            writing.cancel(true);
            throw engine.unavailable(e);
        } finally {
            body.close();
        }
        try {
            writing.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(
                    "writing the image archive failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading the image", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the image archive writer did not finish", e);
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

    /**
     * The regular files at each of {@code paths} of an image (a file, or every file under a folder),
     * with their bytes, at most {@code maxBytes} in all; a path the image lacks gives no files. Read
     * through one created container that never starts.
     */
    public List<ImageFile> readFiles(String image, List<String> paths, long maxBytes) {
        String container;
        try {
            container = docker.createContainerCmd(image)
                    .withEntrypoint("/nonexistent")
                    .withCmd(List.of())
                    .withNetworkDisabled(true)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            throw engine.unavailable(e);
        }
        List<ImageFile> files = new ArrayList<>();
        long total = 0;
        try {
            for (String path : paths) {
                try (InputStream tar = docker.copyArchiveFromContainerCmd(container, path)
                                .exec();
                        TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
                    TarArchiveEntry entry;
                    while ((entry = in.getNextEntry()) != null) {
                        if (entry.isFile() && total + entry.getSize() <= maxBytes) {
                            total += entry.getSize();
                            files.add(new ImageFile(path, entry.getName(), in.readNBytes((int) entry.getSize())));
                        }
                    }
                } catch (NotFoundException e) {
                    // the image has nothing at this path
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return files;
        } finally {
            try {
                docker.removeContainerCmd(container).withForce(true).exec();
            } catch (RuntimeException e) {
                // a created container that was never started holds no resources but its record
            }
        }
    }

    /**
     * A file read out of an image.
     *
     * @param path the path it was asked for
     * @param name its name in the copied archive (relative to the asked path's parent)
     * @param bytes its content
     */
    public record ImageFile(String path, String name, byte[] bytes) {}

    /**
     * An image as the engine has it.
     *
     * @param id the image id (sha256 of its config)
     * @param repoDigests registry digests like {@code name@sha256:...}, empty for an image never pushed or pulled
     * @param diffIds the layers' uncompressed digests, bottom first
     * @param size bytes
     */
    public record ImageFacts(String id, List<String> repoDigests, List<String> diffIds, long size) {}
}
