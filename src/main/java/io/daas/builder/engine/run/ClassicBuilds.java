package io.daas.builder.engine.run;

import com.github.dockerjava.transport.DockerHttpClient;
import io.daas.builder.config.DaemonThreads;
import io.daas.builder.engine.BuildLogLine;
import io.daas.builder.engine.ImageBuildFailedException;
import io.daas.builder.engine.ImageBuildSpec;
import io.daas.builder.engine.RunningImageBuild;
import io.daas.builder.engine.context.ContextTar;
import io.daas.builder.engine.limits.BuildLimits;
import io.daas.builder.engine.limits.StepBounds;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;

/**
 * Starts builds on the engine's classic builder: one {@code POST /build} each, its context streamed
 * as a tar while the answer is read, both on engine I/O threads; and remembers each build's last
 * step image, so that what a failed build left untagged can be found later.
 */
public final class ClassicBuilds {

    private final DockerHttpClient http;
    private final ObjectMapper json;
    private final StepBounds bounds;
    private final EngineProbe engine;
    private final StepImages stepImages = new StepImages();
    private final ExecutorService io = Executors.newCachedThreadPool(DaemonThreads.named("engine-io"));

    public ClassicBuilds(DockerHttpClient http, ObjectMapper json, StepBounds bounds, EngineProbe engine) {
        this.http = http;
        this.json = json;
        this.bounds = bounds;
        this.engine = engine;
    }

    /**
     * Starts building; output lines go to {@code logs} as they arrive.
     *
     * @throws ImageBuildFailedException when the context cannot be read or the process limit cannot be applied
     */
    public RunningImageBuild start(ImageBuildSpec spec, Consumer<BuildLogLine> logs) {
        Consumer<BuildLogLine> watched = line -> {
            stepImages.see(spec.tag(), line.text());
            logs.accept(line);
        };
        BuildLimits limits = bounds.limit(spec.pidsLimit());
        DockerImageBuild build =
                new DockerImageBuild(engine, json, watched, spec.memoryBytes(), spec.pidsLimit(), limits);
        limits.watchDisk(spec.diskLimitBytes(), build::limitExceeded);
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
                    .path(BuildQuery.of(spec, limits.cgroupParent()))
                    .putHeader("Content-Type", "application/x-tar")
                    .body(body)
                    .build();
            io.execute(() -> {
                try {
                    build.follow(http.execute(request));
                } catch (RuntimeException e) {
                    build.failedToStart(build.isStopped() ? e : engine.unavailable(e));
                }
            });
        } catch (IOException e) {
            build.failedToStart(e);
            throw new ImageBuildFailedException("could not read the build context: " + e.getMessage());
        }
        return build;
    }

    /** The last step image seen of the build with this tag, now forgotten; null when none (or it tagged its image). */
    public String forgetStepImage(String tag) {
        return stepImages.forget(tag);
    }
}
