package io.daas.builder.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who this replica is and where its bundles are kept, for several replicas on one database (issue 17).
 *
 * @param name the replica's name in metrics, health and build records ({@code REPLICA_NAME}, default the host name)
 * @param bundleStore {@code local}: bundles on this machine's disk only (as one service always did);
 *     {@code database}: also in the database, so every replica on it can build them ({@code BUNDLE_STORE})
 */
public record ReplicaSettings(
        @DefaultValue("") String name,
        @DefaultValue("local") String bundleStore) {

    public ReplicaSettings {
        name = name == null || name.isBlank() ? hostName() : name.strip();
        bundleStore = bundleStore == null || bundleStore.isBlank()
                ? "local"
                : bundleStore.strip().toLowerCase(Locale.ROOT);
        if (!bundleStore.equals("local") && !bundleStore.equals("database")) {
            throw new InvalidSettingException(
                    "BUNDLE_STORE",
                    "'" + bundleStore + "' is not a bundle store",
                    "set BUNDLE_STORE=local (this machine's disk) or database (shared by every replica on"
                            + " DATABASE_URL)",
                    null);
        }
    }

    /** Whether bundles are also kept in the database. */
    public boolean bundlesInDatabase() {
        return bundleStore.equals("database");
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }
}
