package io.daas.builder.replicas;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the other replicas reach this one when {@code REPLICA_URL} is blank: loopback when the service
 * listens on loopback only, the address it listens on when BIND_ADDRESS names one, else this host's
 * address.
 */
final class ReplicaUrl {

    private ReplicaUrl() {}

    /** {@code configured} when given, else the default for the bind address and port. */
    static String of(String configured, String bindAddress, int port) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return "http://" + host(bindAddress) + ":" + port;
    }

    private static String host(String bindAddress) {
        try {
            InetAddress bound = InetAddress.getByName(bindAddress);
            if (bound.isLoopbackAddress()) {
                return "127.0.0.1";
            }
            InetAddress reached = bound.isAnyLocalAddress() ? InetAddress.getLocalHost() : bound;
            String address = reached.getHostAddress();
            return address.contains(":") ? "[" + address + "]" : address;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(
                    "cannot tell this replica's address (" + e.getMessage() + "): set REPLICA_URL, like"
                            + " http://10.0.3.7:3001",
                    e);
        }
    }
}
