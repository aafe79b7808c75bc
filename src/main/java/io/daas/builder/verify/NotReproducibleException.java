package io.daas.builder.verify;

/** A reproduction was asked of a build that cannot have one (not successful, or not reproducible). */
public class NotReproducibleException extends RuntimeException {

    public NotReproducibleException(String message) {
        super(message);
    }
}
