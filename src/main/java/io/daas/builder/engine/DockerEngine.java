package io.daas.builder.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientConfig;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** Everything the service asks of the Docker engine, in the service's own types. */
@Component
public class DockerEngine {

    private final DockerClient docker;
    private final String host;

    DockerEngine(DockerClient docker, DockerClientConfig config) {
        this.docker = docker;
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

    /** Starts building; output lines go to {@code logs} as they arrive. */
    public RunningImageBuild startBuild(ImageBuildSpec spec, Consumer<BuildLogLine> logs) {
        BuildOutputCallback callback = new BuildOutputCallback(logs);
        try {
            command(spec).exec(callback);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        return new RunningImageBuild(this, callback);
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

    private BuildImageCmd command(ImageBuildSpec spec) {
        BuildImageCmd cmd = docker.buildImageCmd()
                .withBaseDirectory(spec.contextDir().toFile())
                .withDockerfile(spec.contextDir().resolve(spec.dockerfile()).toFile())
                .withTags(Set.of(spec.tag()))
                .withLabels(spec.labels())
                .withNoCache(spec.noCache())
                .withRemove(true)
                .withForcerm(true)
                .withPull(false);
        spec.buildArgs().forEach(cmd::withBuildArg);
        if (spec.target() != null) {
            cmd.withTarget(spec.target());
        }
        if (spec.platform() != null) {
            cmd.withPlatform(spec.platform());
        }
        if (spec.networkMode() != null && !spec.networkMode().isBlank()) {
            cmd.withNetworkMode(spec.networkMode());
        }
        if (spec.memoryBytes() != null) {
            cmd.withMemory(spec.memoryBytes()).withMemswap(spec.memoryBytes());
        }
        return cmd;
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
