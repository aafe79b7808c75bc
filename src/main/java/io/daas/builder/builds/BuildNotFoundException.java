package io.daas.builder.builds;

/** No build with this id exists. */
public class BuildNotFoundException extends RuntimeException {

    public BuildNotFoundException(String id) {
        super("Build not found");
    }
}
