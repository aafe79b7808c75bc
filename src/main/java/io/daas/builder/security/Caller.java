package io.daas.builder.security;

import java.util.Objects;

/**
 * Who sent a request: the tenant of its API token and its role. Set on every API request by
 * {@link TokenAuthenticationFilter} as the request attribute {@link #ATTRIBUTE}.
 *
 * @param tenant the tenant the token belongs to
 * @param role what the token may do
 */
public record Caller(String tenant, Role role) {

    /** Request attribute holding the caller. */
    public static final String ATTRIBUTE = "io.daas.builder.security.Caller";

    /** Tenant of requests when no token is configured (the open, loopback-only mode). */
    public static final String LOCAL_TENANT = "local";

    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(role, "role");
    }

    /** The caller of every request when no token is configured: one local admin. */
    public static Caller open() {
        return new Caller(LOCAL_TENANT, Role.ADMIN);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this caller may see and act on something owned by {@code ownerTenant}. */
    public boolean mayAccess(String ownerTenant) {
        return isAdmin() || tenant.equals(ownerTenant);
    }
}
