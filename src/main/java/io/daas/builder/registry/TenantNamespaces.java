package io.daas.builder.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the default registry (REGISTRY_URL) is shared between tenants: each tenant's images live
 * under {@code <REGISTRY_NAMESPACE>/<tenant>}, like {@code daas/tenant-a/daas-app:<tag>}. Without
 * API tokens there is one local tenant and no partition.
 *
 * @param root the namespace all tenants' namespaces sit under (REGISTRY_NAMESPACE)
 * @param partitioned whether tenants are kept apart (API tokens are configured)
 */
public record TenantNamespaces(String root, boolean partitioned) {

    /** A path component of the distribution spec, as a tenant name may already be. */
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

    public TenantNamespaces {
        root = root == null || root.isBlank() ? "daas" : root.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The tenant's namespace. A tenant name that is not already a valid lower-case path component is
     * made one and given a short hash of its exact spelling, so that two tenants never share one.
     */
    public String namespaceOf(String tenant) {
        String t = tenant == null ? "" : tenant;
        if (COMPONENT.matcher(t).matches()) {
            return root + "/" + t;
        }
        String component =
                t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return root + "/" + (component.isEmpty() ? "t" : component) + "-" + shortHash(t);
    }

    /** Whether a tenant may read (start builds from) this repository path of the default registry. */
    public boolean mayRead(String tenant, String path) {
        return !partitioned || isUnder(path, namespaceOf(tenant));
    }

    /** Whether {@code path} is {@code namespace} or lies below it. */
    static boolean isUnder(String path, String namespace) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.equals(namespace) || p.startsWith(namespace + "/");
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
