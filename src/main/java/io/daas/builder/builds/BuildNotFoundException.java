package io.daas.builder.builds;

import io.daas.builder.errors.NotFound;

/** No build with this id exists. */
public class BuildNotFoundException extends NotFound {

    public BuildNotFoundException(String id) {
        super("Build not found");
    }
}
