package io.daas.builder.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import io.daas.builder.engine.limits.StatsResourceWatch;
import io.daas.builder.engine.limits.StepBounds;
import io.daas.builder.engine.run.ClassicBuilds;
import io.daas.builder.engine.run.EngineProbe;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The {@link ImageEngine} on Docker, through docker-java and the engine's HTTP API. */
@Component
public class DockerEngine implements ImageEngine {

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final ObjectMapper json;
    private final EngineProbe probe;
    private final ClassicBuilds builds;

    DockerEngine(
            DockerClient docker,
            DockerHttpClient http,
            DockerClientConfig config,
            ObjectMapper json,
            StepBounds bounds) {
        this.docker = docker;
        this.http = http;
        this.json = json;
        this.probe = new EngineProbe(docker, String.valueOf(config.getDockerHost()));
        this.builds = new ClassicBuilds(http, json, bounds, probe);
    }

    @Override
    public String host() {
        return probe.host();
    }

    @Override
    public void ping() {
        probe.ping();
    }

    @Override
    public RunningImageBuild startBuild(ImageBuildSpec spec, Consumer<BuildLogLine> logs) {
        return builds.start(spec, logs);
    }

    @Override
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

    @Override
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

    @Override
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
    @Override
    public boolean removeLeftoverOf(String tag) {
        String image = builds.forgetStepImage(tag);
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

    @Override
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

    @Override
    public void removeImage(String image) {
        try {
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public ResourceWatch watchResources() {
        return new StatsResourceWatch(docker);
    }

    /** The failure to reach the engine, naming it and what to check. */
    EngineUnavailableException unavailable(Throwable e) {
        return probe.unavailable(e);
    }
}
