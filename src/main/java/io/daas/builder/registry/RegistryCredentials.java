package io.daas.builder.registry;

/**
 * A user name and password for a registry, or none for an anonymous push. Held in memory only and
 * handed to the engine per request; {@link #toString()} never shows the password.
 */
public record RegistryCredentials(String username, String password) {

    private static final RegistryCredentials ANONYMOUS = new RegistryCredentials(null, null);

    public static RegistryCredentials anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return username == null || username.isEmpty();
    }

    @Override
    public String toString() {
        return isAnonymous()
                ? "RegistryCredentials[anonymous]"
                : "RegistryCredentials[username=" + username + ", password=***]";
    }
}
