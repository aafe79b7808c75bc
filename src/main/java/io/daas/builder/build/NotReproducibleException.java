package io.daas.builder.build;

/** A reproduction was asked of a build that cannot have one (not successful, or not reproducible). */
public class NotReproducibleException extends RuntimeException {

    NotReproducibleException(String message) {
        super(message);
    }
}
