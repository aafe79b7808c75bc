package io.daas.builder.api;

/** The service, or the caller's tenant (TENANT_MAX_STREAMS), already holds as many live log streams as allowed. */
class TooManyStreamsException extends RuntimeException {

    private final boolean tenantLimit;

    TooManyStreamsException(String message, boolean tenantLimit) {
        super(message);
        this.tenantLimit = tenantLimit;
    }

    /** Whether the tenant's own cap refused it (429) rather than the service's (503). */
    boolean tenantLimit() {
        return tenantLimit;
    }
}
