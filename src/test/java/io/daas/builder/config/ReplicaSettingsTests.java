package io.daas.builder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** REPLICA_NAME and BUNDLE_STORE: defaults, spelling, and the one-line refusal of an unknown store. */
class ReplicaSettingsTests {

    @Test
    void aReplicaWithoutANameIsNamedAfterItsHost() throws Exception {
        String expected =
                System.getenv("HOSTNAME") == null || System.getenv("HOSTNAME").isBlank()
                        ? InetAddress.getLocalHost().getHostName()
                        : System.getenv("HOSTNAME").strip();
        assertThat(new ReplicaSettings("", "local", "local", "", 60, 20).name()).isEqualTo(expected);
        assertThat(new ReplicaSettings(" replica-7 ", "local", "local", "", 60, 20).name())
                .isEqualTo("replica-7");
    }

    @Test
    void theBundleStoreIsLocalUnlessDatabaseIsAskedFor() {
        assertThat(new ReplicaSettings("r", "", "local", "", 60, 20).bundlesInDatabase())
                .isFalse();
        assertThat(new ReplicaSettings("r", "local", "local", "", 60, 20).bundlesInDatabase())
                .isFalse();
        assertThat(new ReplicaSettings("r", " Database ", "local", "", 60, 20).bundlesInDatabase())
                .isTrue();
    }

    @Test
    void anUnknownBundleStoreNamesTheSettingAndTheChoices() {
        assertThatThrownBy(() -> new ReplicaSettings("r", "nfs", "local", "", 60, 20))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("BUNDLE_STORE: 'nfs' is not a bundle store. Fix: set BUNDLE_STORE=local (this machine's"
                        + " disk) or database (shared by every replica on DATABASE_URL)");
    }

    @Test
    void theQueueIsLocalUnlessSharedIsAskedForAndAnUnknownOneIsRefused() {
        assertThat(new ReplicaSettings("r", "local", "", "", 60, 20).sharedQueue())
                .isFalse();
        assertThat(new ReplicaSettings("r", "local", " Shared ", "", 60, 20).sharedQueue())
                .isTrue();
        assertThatThrownBy(() -> new ReplicaSettings("r", "local", "redis", "", 60, 20))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("BUILD_QUEUE: 'redis' is not a build queue. Fix: set BUILD_QUEUE=local");
    }

    @Test
    void aNegativeDrainOrALostAfterShorterThanThreeHeartbeatsIsRefused() {
        assertThatThrownBy(() -> new ReplicaSettings("r", "local", "shared", "", -1, 20))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DRAIN_TIMEOUT: -1 is negative");
        assertThatThrownBy(() -> new ReplicaSettings("r", "local", "shared", "", 60, 5))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("REPLICA_LOST_AFTER: 5 s is shorter than three heartbeats");
    }
}
