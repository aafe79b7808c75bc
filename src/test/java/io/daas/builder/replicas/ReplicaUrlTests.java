package io.daas.builder.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ReplicaUrlTests {

    @Test
    void aConfiguredUrlIsTakenAsItIs() {
        assertThat(ReplicaUrl.of(" http://builder-0.builder:3001 ", "0.0.0.0", 3001))
                .isEqualTo("http://builder-0.builder:3001");
    }

    @Test
    void aServiceOnLoopbackIsReachedOnLoopback() {
        assertThat(ReplicaUrl.of("", "127.0.0.1", 4123)).isEqualTo("http://127.0.0.1:4123");
        assertThat(ReplicaUrl.of(null, "localhost", 4123)).isEqualTo("http://127.0.0.1:4123");
    }

    @Test
    void aServiceOnEveryInterfaceIsReachedAtThisHostsAddress() throws Exception {
        String host = InetAddress.getLocalHost().getHostAddress();
        assertThat(ReplicaUrl.of("", "0.0.0.0", 3001)).isEqualTo("http://" + host + ":3001");
    }

    @Test
    void aServiceBoundToOneAddressIsReachedThere() {
        assertThat(ReplicaUrl.of("", "10.0.3.7", 3001)).isEqualTo("http://10.0.3.7:3001");
    }
}
