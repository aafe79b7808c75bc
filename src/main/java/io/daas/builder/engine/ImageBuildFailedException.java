package io.daas.builder.engine;

import io.daas.builder.errors.EngineFailure;

/** The engine refused or failed the build; the message is the engine's own. */
public class ImageBuildFailedException extends EngineFailure {

    public ImageBuildFailedException(String message) {
        super(message);
    }
}
