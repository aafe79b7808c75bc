package io.daas.builder.push;

/**
 * A request to push, as the user gave it; any field may be missing and is then taken from the
 * default registry (REGISTRY_*), the namespace {@code daas}, the repository {@code daas-app} and
 * the build id as tag. {@link #toString()} never shows the password.
 */
public record PushRequest(
        String url, String username, String password, String namespace, String repository, String tag) {

    /** A request that names nothing: everything from the defaults. */
    public static PushRequest defaults() {
        return new PushRequest(null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "PushRequest[url=" + url + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", namespace=" + namespace + ", repository=" + repository + ", tag=" + tag + "]";
    }
}
