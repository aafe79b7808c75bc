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
 * @param queue {@code local}: builds wait in this process (one service, as always); {@code shared}: in
 *     the database, taken by whichever replica has a free slot ({@code BUILD_QUEUE})
 * @param url where the other replicas reach this one, like {@code http://10.0.3.7:3001}
 *     ({@code REPLICA_URL}; blank: {@code http://127.0.0.1:<port>} when the service listens on loopback
 *     only, else {@code http://<this host's address>:<port>})
 * @param drainSeconds on SIGTERM, how long a replica lets its running builds finish before it hands
 *     them back to the queue ({@code DRAIN_TIMEOUT})
 * @param lostAfterSeconds a replica whose heartbeat is older than this is lost: its running builds
 *     fail ({@code REPLICA_LOST_AFTER})
 */
public record ReplicaSettings(
        @DefaultValue("") String name,
        @DefaultValue("local") String bundleStore,
        @DefaultValue("local") String queue,
        @DefaultValue("") String url,
        @DefaultValue("60") long drainSeconds,
        @DefaultValue("20") long lostAfterSeconds) {

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
        queue = queue == null || queue.isBlank() ? "local" : queue.strip().toLowerCase(Locale.ROOT);
        if (!queue.equals("local") && !queue.equals("shared")) {
            throw new InvalidSettingException(
                    "BUILD_QUEUE",
                    "'" + queue + "' is not a build queue",
                    "set BUILD_QUEUE=local (one service) or shared (several replicas on one PostgreSQL)",
                    null);
        }
        url = url == null ? "" : url.strip();
        if (drainSeconds < 0) {
            throw new InvalidSettingException(
                    "DRAIN_TIMEOUT", drainSeconds + " is negative", "give the seconds to drain, like 60", null);
        }
        if (lostAfterSeconds < 6) {
            throw new InvalidSettingException(
                    "REPLICA_LOST_AFTER",
                    lostAfterSeconds + " s is shorter than three heartbeats (2 s each)",
                    "give at least 6 seconds, like 20",
                    null);
        }
    }

    /** Whether builds wait in the database for any replica (several replicas), not in this process. */
    public boolean sharedQueue() {
        return queue.equals("shared");
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
