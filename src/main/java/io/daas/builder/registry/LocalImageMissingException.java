package io.daas.builder.registry;

/** The image to push is no longer on the engine (removed since it was built). */
public class LocalImageMissingException extends RegistryException {

    LocalImageMissingException(String message) {
        super(message);
    }
}
