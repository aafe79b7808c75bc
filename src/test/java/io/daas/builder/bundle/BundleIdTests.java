package io.daas.builder.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BundleIdTests {

    @Test
    void acceptsUploadDigestsAndWalrusBlobIds() {
        assertThat(BundleId.parse("a".repeat(64)).isLocalDigest()).isTrue();
        assertThat(BundleId.parse("M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk").isLocalDigest())
                .isFalse();
    }

    @Test
    void refusesAnythingElseWithAMessageSayingWhatIsValid() {
        assertThatThrownBy(() -> BundleId.parse("../etc/passwd")).hasMessageContaining("43 URL-safe base64");
        assertThatThrownBy(() -> BundleId.parse("A".repeat(64))).isInstanceOf(InvalidBundleIdException.class);
        assertThatThrownBy(() -> BundleId.parse(null)).isInstanceOf(InvalidBundleIdException.class);
    }
}
