package io.daas.builder.security.body;

import java.io.IOException;

/** A request body arrived more slowly than MIN_BODY_RATE allows; reading it was given up. */
public class BodyTooSlowException extends IOException {

    BodyTooSlowException(long minRate, long graceSeconds) {
        super("The request body arrived at under " + minRate + " bytes/s after its first " + graceSeconds
                + " s (MIN_BODY_RATE); send it faster, or over a better connection");
    }
}
