package io.daas.builder.security;

import io.daas.builder.errors.InvalidRequest;

/** An outbound request (Walrus, registry, webhook) would go where the outbound policy forbids. */
public class OutboundRefusedException extends InvalidRequest {

    public OutboundRefusedException(String message) {
        super(message);
    }
}
