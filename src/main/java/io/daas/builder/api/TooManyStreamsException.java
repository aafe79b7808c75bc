package io.daas.builder.api;

import io.daas.builder.errors.ErrorKind;
import io.daas.builder.errors.LimitReached;
import java.util.OptionalLong;

/**
 * The service (a 503), or the caller's tenant (TENANT_MAX_STREAMS, a 429), already holds as many live
 * log streams as allowed.
 */
class TooManyStreamsException extends LimitReached {

    /** Seconds a tenant at its cap should wait: about one keepalive, by when streams may have ended. */
    static final long TENANT_RETRY_AFTER_SECONDS = 15;

    TooManyStreamsException(String message, boolean tenantLimit) {
        super(
                tenantLimit ? ErrorKind.LIMIT_REACHED : ErrorKind.UNAVAILABLE,
                message,
                tenantLimit ? OptionalLong.of(TENANT_RETRY_AFTER_SECONDS) : OptionalLong.empty());
    }
}
