package io.daas.builder.lifecycle;

import io.daas.builder.errors.LimitReached;

/** The build queue is at MAX_QUEUED_BUILDS, or the tenant at TENANT_MAX_QUEUED: the client should retry later. */
public class QueueFullException extends LimitReached {

    /** Seconds a client should wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 30;

    public QueueFullException(int bound) {
        super(
                "The build queue is full (" + bound + " builds waiting, MAX_QUEUED_BUILDS); try again in "
                        + RETRY_AFTER_SECONDS + " s",
                RETRY_AFTER_SECONDS);
    }

    /** The queue has room, but this tenant already has {@code own} builds waiting (TENANT_MAX_QUEUED). */
    public static QueueFullException forTenant(String tenant, int own) {
        return new QueueFullException("Tenant " + tenant + " already has " + own + " builds waiting, the most one"
                + " tenant may have (TENANT_MAX_QUEUED); wait for some to start, or cancel some, and try again in "
                + RETRY_AFTER_SECONDS + " s");
    }

    /** The queue has room, but not for this tenant (TENANT_MAX_QUEUED): {@code message} says so. */
    public QueueFullException(String message) {
        super(message, RETRY_AFTER_SECONDS);
    }
}
