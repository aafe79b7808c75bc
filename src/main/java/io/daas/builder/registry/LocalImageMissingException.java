package io.daas.builder.registry;

import io.daas.builder.errors.ErrorKind;

/** The image to push is no longer on the engine (removed since it was built). */
public class LocalImageMissingException extends RegistryException {

    LocalImageMissingException(String message) {
        super(ErrorKind.IMAGE_MISSING, message);
    }
}
