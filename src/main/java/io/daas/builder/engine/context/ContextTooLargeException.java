package io.daas.builder.engine.context;

import java.io.IOException;

/** The context passed MAX_CONTEXT_SIZE. */
final class ContextTooLargeException extends IOException {

    ContextTooLargeException(long max) {
        super("Build context is larger than the limit of " + max + " bytes (MAX_CONTEXT_SIZE); leave out"
                + " build output, dependencies and data with a .dockerignore");
    }
}
