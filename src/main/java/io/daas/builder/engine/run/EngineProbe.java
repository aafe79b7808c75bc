package io.daas.builder.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.daas.builder.engine.BuiltImage;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageBuildFailedException;
import java.time.Duration;

/**
 * Whether the engine answers and keeps answering, what it has under an image id, and how a failure
 * to reach it reads: an {@link EngineUnavailableException} that names the engine and what to check.
 */
public final class EngineProbe {

    private final DockerClient docker;
    private final String host;

    public EngineProbe(DockerClient docker, String host) {
        this.docker = docker;
        this.host = host;
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

    /** The image a build made: its id and size. */
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

    /** The failure to reach the engine, naming it and what to check. */
    public EngineUnavailableException unavailable(Throwable e) {
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
