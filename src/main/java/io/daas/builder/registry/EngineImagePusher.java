package io.daas.builder.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.engine.ImageEngine;
import io.daas.builder.metrics.BuilderMetrics;
import io.daas.builder.security.SecretSanitiser;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@link ImagePusher} on Docker: the engine pushes. The credentials travel only in the engine's
 * {@code X-Registry-Auth} header of this one request: no login, no config file, no command line.
 */
@Component
class EngineImagePusher implements ImagePusher {

    private static final Logger log = LoggerFactory.getLogger(EngineImagePusher.class);

    private final DockerClient docker;
    private final ImageEngine engine;
    private final Timer pushes;

    EngineImagePusher(DockerClient docker, ImageEngine engine, BuilderMetrics metrics) {
        this.docker = docker;
        this.engine = engine;
        this.pushes = metrics.pushDuration();
    }

    @Override
    public PushedImage push(String localImage, PushTarget target, Duration timeout) {
        SecretSanitiser secrets = SecretSanitiser.NONE.with(target.credentials().password());
        Timer.Sample sample = Timer.start();
        tag(localImage, target);
        try {
            log.info("pushing {} as {} ({})", localImage, target.reference(), target.credentials());
            PushOutputCallback callback = new PushOutputCallback();
            docker.pushImageCmd(target.repositoryReference())
                    .withTag(target.tag())
                    .withAuthConfig(auth(target))
                    .exec(callback);
            boolean ended = await(callback, timeout);
            if (!ended) {
                close(callback);
                throw PushFailures.unreachable(target, "the push did not finish within " + timeout.toSeconds() + " s");
            }
            if (callback.error() != null) {
                throw PushFailures.classify(target, callback.error(), secrets);
            }
            if (callback.failure() != null) {
                throw failure(target, callback.failure(), secrets);
            }
            if (callback.digest() == null) {
                throw new PushRejectedException("Registry " + target.registry() + " ended the push of "
                        + target.reference() + " without reporting a digest; push again");
            }
            log.info("pushed {} ({})", target.reference(), callback.digest());
            return new PushedImage(target.reference(), callback.digest());
        } catch (RuntimeException e) {
            if (!(e instanceof RegistryException)) {
                throw failure(target, e, secrets);
            }
            throw e;
        } finally {
            untag(target);
            // every attempt, pushed or not: a slow failing registry shows here too
            sample.stop(pushes);
        }
    }

    private void tag(String localImage, PushTarget target) {
        try {
            docker.tagImageCmd(localImage, target.repositoryReference(), target.tag())
                    .withForce(true)
                    .exec();
        } catch (NotFoundException e) {
            throw new LocalImageMissingException("The image " + localImage
                    + " is no longer on the Docker engine, so it cannot be pushed: build the bundle again");
        } catch (RuntimeException e) {
            throw engineUnavailable(e, SecretSanitiser.NONE);
        }
    }

    private void untag(PushTarget target) {
        try {
            // Not forced: this removes only the extra tag, never the image under its own tag.
            docker.removeImageCmd(target.reference()).withForce(false).exec();
        } catch (RuntimeException e) {
            log.debug("could not remove the local tag {}: {}", target.reference(), e.getMessage());
        }
    }

    private static AuthConfig auth(PushTarget target) {
        AuthConfig auth = new AuthConfig().withRegistryAddress(target.registry());
        RegistryCredentials c = target.credentials();
        if (!c.isAnonymous()) {
            auth.withUsername(c.username()).withPassword(c.password());
        }
        return auth;
    }

    private static boolean await(PushOutputCallback callback, Duration timeout) {
        try {
            return callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(callback);
            throw new PushRejectedException("The push was interrupted (the service is stopping); push again");
        }
    }

    private static void close(PushOutputCallback callback) {
        try {
            callback.close();
        } catch (IOException e) {
            // best effort: the engine stops the push when the connection drops
        }
    }

    private RuntimeException failure(PushTarget target, Throwable e, SecretSanitiser secrets) {
        if (e instanceof DockerException d && d.getHttpStatus() == 401) {
            return PushFailures.credentialsRefused(target, secrets.clean(d.getMessage()));
        }
        if (e instanceof DockerException d) {
            return PushFailures.classify(target, d.getMessage(), secrets);
        }
        return engineUnavailable(e, secrets);
    }

    private EngineUnavailableException engineUnavailable(Throwable e, SecretSanitiser secrets) {
        if (e instanceof EngineUnavailableException u) {
            return u;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new EngineUnavailableException(
                "Docker engine at " + engine.host() + " is not reachable ("
                        + secrets.clean(root.getClass().getSimpleName() + ": " + root.getMessage())
                        + "); check that it runs and that DOCKER_HOST points at it",
                null);
    }
}
