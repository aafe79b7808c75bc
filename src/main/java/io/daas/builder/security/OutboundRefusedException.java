package io.daas.builder.security;

/** An outbound request (Walrus, registry, webhook) would go where the outbound policy forbids. */
public class OutboundRefusedException extends RuntimeException {

    public OutboundRefusedException(String message) {
        super(message);
    }
}
