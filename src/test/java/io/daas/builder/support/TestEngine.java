package io.daas.builder.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real engine that scripts/engine.sh started, as tests see it (never a mock). */
public final class TestEngine {

    /** A tiny image made by scripts/base-images.sh from Debian's busybox-static. */
    public static final String BUSYBOX = "daas-test/busybox:1";

    private static DockerClient client;

    private TestEngine() {}

    public static synchronized DockerClient client() {
        if (client == null) {
            DockerClientConfig config =
                    DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            client = DockerClientImpl.getInstance(
                    config,
                    new ApacheDockerHttpClient.Builder()
                            .dockerHost(config.getDockerHost())
                            .build());
            client.pingCmd().exec();
            try {
                client.inspectImageCmd(BUSYBOX).exec();
            } catch (NotFoundException e) {
                throw new IllegalStateException(
                        BUSYBOX + " is missing: run scripts/test.sh (or scripts/base-images.sh)");
            }
        }
        return client;
    }

    public static InspectImageResponse inspect(String image) {
        return client().inspectImageCmd(image).exec();
    }

    /** Runs the image with no network and returns what it printed. */
    public static String run(String image, String... command) throws InterruptedException {
        DockerClient docker = client();
        var create = docker.createContainerCmd(image)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"));
        if (command.length > 0) {
            create.withCmd(command);
        }
        CreateContainerResponse container = create.exec();
        try {
            docker.startContainerCmd(container.getId()).exec();
            docker.waitContainerCmd(container.getId()).start().awaitStatusCode(60, TimeUnit.SECONDS);
            return output(container.getId(), 30);
        } finally {
            docker.removeContainerCmd(container.getId()).withForce(true).exec();
        }
    }

    /** Starts the image on the host network with PORT set; returns the container id. */
    public static String serve(String image, int port) {
        return serve(image, port, new String[0]);
    }

    /** Starts the image on the host network with PORT and the given {@code NAME=value} settings. */
    public static String serve(String image, int port, String... env) {
        DockerClient docker = client();
        String[] all = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("PORT=" + port), java.util.Arrays.stream(env))
                .toArray(String[]::new);
        CreateContainerResponse container = docker.createContainerCmd(image)
                .withEnv(all)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
                .exec();
        docker.startContainerCmd(container.getId()).exec();
        return container.getId();
    }

    /** Stops and removes a container, and says what it printed. */
    public static String removeContainer(String id) {
        try {
            return output(id, 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            client().removeContainerCmd(id).withForce(true).exec();
        }
    }

    /** What a container printed on stdout and stderr, waiting up to {@code seconds} for the stream. */
    private static String output(String id, int seconds) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        client().logContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload()));
                    }
                })
                .awaitCompletion(seconds, TimeUnit.SECONDS);
        return out.toString();
    }

    public static void removeImage(String image) {
        try {
            client().removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /** Containers on the engine (running or not) that carry the given label value. */
    public static List<Container> containersOfBuild(String buildId) {
        return client().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c ->
                        c.getLabels() != null && buildId.equals(c.getLabels().get("daas.build.id")))
                .toList();
    }

    public static boolean hasImage(String image) {
        try {
            client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public static void assertImageExists(String image) {
        assertThat(inspect(image).getId()).startsWith("sha256:");
    }

    /** Points generated Dockerfiles at the stand-in base images that scripts/base-images.sh pushed. */
    public static void mirrorStandIns(org.springframework.test.context.DynamicPropertyRegistry registry) {
        String mirror = System.getenv().getOrDefault("BASE_IMAGE_MIRROR", "127.0.0.1:5000/mirror");
        registry.add("builder.base-image-mirror", () -> mirror);
    }
}
