package io.daas.builder.engine;

/** The engine refused or failed the build; the message is the engine's own. */
public class ImageBuildFailedException extends RuntimeException {

    public ImageBuildFailedException(String message) {
        super(message);
    }
}
