package io.daas.builder.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.stereotype.Component;

/** Images on the engine: facts, pull, removal, and files read out of an image ({@link EngineArchives}: save and load). */
@Component
public class EngineImages {

    private final DockerClient docker;
    private final DockerEngine engine;

    EngineImages(DockerClient docker, DockerEngine engine) {
        this.docker = docker;
        this.engine = engine;
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
