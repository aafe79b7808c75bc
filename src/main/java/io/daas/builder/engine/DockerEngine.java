package io.daas.builder.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import io.daas.builder.config.DaemonThreads;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Everything the service asks of the Docker engine, in the service's own types. */
@Component
public class DockerEngine {

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final ObjectMapper json;
    private final String host;
    private final StepImages stepImages = new StepImages();
    private final ExecutorService io = Executors.newCachedThreadPool(DaemonThreads.named("engine-io"));

    private final StepBounds bounds;

    DockerEngine(
            DockerClient docker,
            DockerHttpClient http,
            DockerClientConfig config,
            ObjectMapper json,
            StepBounds bounds) {
        this.docker = docker;
        this.bounds = bounds;
        this.http = http;
        this.json = json;
        this.host = String.valueOf(config.getDockerHost());
    }

    /** Where the engine is, for messages. */
    public String host() {
        return host;
    }

    /** Checks the engine answers; throws {@link EngineUnavailableException} naming it otherwise. */
    public void ping() {
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Whether the engine keeps answering pings for the whole of {@code period}. */
    boolean staysUp(Duration period) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            try {
                docker.pingCmd().exec();
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts building; output lines go to {@code logs} as they arrive.
     *
     * @throws ImageBuildFailedException when the context cannot be read or the process limit cannot be applied
     */
    public RunningImageBuild startBuild(ImageBuildSpec spec, Consumer<BuildLogLine> logs) {
        Consumer<BuildLogLine> watched = line -> {
            stepImages.see(spec.tag(), line.text());
            logs.accept(line);
        };
        BuildCgroup cgroup = bounds.cgroup(spec.pidsLimit());
        RunningImageBuild build = new RunningImageBuild(
                this, json, watched, spec.memoryBytes(), spec.pidsLimit(), stopped -> bounds.release(cgroup, stopped));
        build.watchDisk(bounds.diskWatch(spec.diskLimitBytes(), build::limitExceeded));
        try {
            ContextTar context = new ContextTar(spec.contextDir(), spec.dockerfile(), spec.maxContextBytes());
            PipedInputStream body = new PipedInputStream(256 * 1024);
            PipedOutputStream sink = new PipedOutputStream(body);
            build.uploading(body);
            io.execute(() -> {
                try (sink) {
                    context.writeTo(sink);
                } catch (IOException e) {
                    build.contextFailed(e);
                }
            });
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path(BuildQuery.of(spec, cgroup.path()))
                    .putHeader("Content-Type", "application/x-tar")
                    .body(body)
                    .build();
            io.execute(() -> {
                try {
                    build.follow(http.execute(request));
                } catch (RuntimeException e) {
                    build.failedToStart(build.isStopped() ? e : unavailable(e));
                }
            });
        } catch (IOException e) {
            build.failedToStart(e);
            throw new ImageBuildFailedException("could not read the build context: " + e.getMessage());
        }
        return build;
    }

    BuiltImage inspect(String imageId) {
        try {
            InspectImageResponse image = docker.inspectImageCmd(imageId).exec();
            Long size = image.getSize();
            return new BuiltImage(image.getId(), size == null ? 0 : size);
        } catch (NotFoundException e) {
            throw new ImageBuildFailedException("the engine reported image " + imageId + " but does not have it");
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Whether the engine has this image (by id or tag). */
    public boolean hasImage(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** The engine's local image under a reference (as a build's FROM would find it), or empty. */
    public Optional<ImageDetails> localImage(String reference) {
        try {
            InspectImageResponse image = docker.inspectImageCmd(reference).exec();
            var config = image.getConfig();
            return Optional.of(new ImageDetails(
                    config == null ? null : config.getLabels(),
                    config == null || config.getOnBuild() == null ? null : Arrays.asList(config.getOnBuild())));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            if (e.getHttpStatus() == 400) {
                return Optional.empty(); // not a name the engine takes: it will not use a local image
            }
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Gives an image another tag, like {@code daas-app:ID}. */
    public void tag(String imageId, String repositoryAndTag) {
        int colon = repositoryAndTag.lastIndexOf(':');
        try {
            docker.tagImageCmd(imageId, repositoryAndTag.substring(0, colon), repositoryAndTag.substring(colon + 1))
                    .exec();
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /**
     * Removes what a build of this process left on the engine without a tag: the image of its last
     * finished step, when it failed or was stopped later, with its untagged parents. Only while
     * that image has no tag, no child and no container (the engine refuses otherwise), so nothing
     * another build stands on is touched. Returns whether something was removed.
     */
    public boolean removeLeftoverOf(String tag) {
        String image = stepImages.forget(tag);
        if (image == null) {
            return false;
        }
        try {
            InspectImageResponse inspected = docker.inspectImageCmd(image).exec();
            if (inspected.getRepoTags() != null && !inspected.getRepoTags().isEmpty()) {
                return false; // tagged: the build's own image, or one someone else named
            }
            docker.removeImageCmd(image).withForce(false).exec();
            return true;
        } catch (NotFoundException | ConflictException e) {
            return false; // gone already, or another build or container stands on it
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Trims the engine's build cache down to {@code keepBytes}; returns the bytes freed. */
    public long pruneBuildCache(long keepBytes) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/build/prune?keep-storage=" + keepBytes)
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                return 0;
            }
            JsonNode body = json.readTree(response.getBody());
            return body.path("SpaceReclaimed").asLong(0);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Removes an image by id or tag; an image that is already gone is fine. */
    public void removeImage(String image) {
        try {
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    EngineUnavailableException unavailable(Throwable e) {
        if (e instanceof EngineUnavailableException u) {
            return u;
        }
        String detail = e instanceof DockerException ? e.getMessage() : rootMessage(e);
        return new EngineUnavailableException(
                "Docker engine at " + host + " is not reachable (" + detail
                        + "); check that it runs and that DOCKER_HOST points at it",
                e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
