package io.daas.builder.builds;

import io.daas.builder.errors.InvalidRequest;

/** A push was asked for a build that has no image to push: it is still running, failed or was cancelled. */
public class BuildNotSuccessfulException extends InvalidRequest {

    public BuildNotSuccessfulException() {
        super("Build is not successful");
    }
}
