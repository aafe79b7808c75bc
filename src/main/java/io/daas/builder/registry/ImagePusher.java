package io.daas.builder.registry;

import java.time.Duration;

/** Pushes a local image to a registry: {@link EngineImagePusher} through the Docker engine; tests use a fake. */
public interface ImagePusher {

    /**
     * Tags {@code localImage} as the target, pushes it and returns the digest the registry reported.
     * The extra local tag is removed afterwards; the image keeps its own tag.
     *
     * @throws RegistryException saying whether the credentials were refused, the registry was
     *     unreachable, or it rejected the push
     * @throws io.daas.builder.engine.EngineUnavailableException when the engine did not answer
     */
    PushedImage push(String localImage, PushTarget target, Duration timeout);
}
