package io.daas.builder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageNameTests {

    @Test
    void shortNamesAreDockerHubAndHostsAreRecognisedAsTheEngineDoes() {
        assertThat(ImageName.parse("busybox").orElseThrow().repository()).isEqualTo("docker.io/library/busybox");
        assertThat(ImageName.parse("daas-app:abc").orElseThrow().repository()).isEqualTo("docker.io/library/daas-app");
        assertThat(ImageName.parse("index.docker.io/library/daas-app:1")
                        .orElseThrow()
                        .repository())
                .isEqualTo("docker.io/library/daas-app");
        assertThat(ImageName.parse("team/app:1").orElseThrow().repository()).isEqualTo("docker.io/team/app");
        assertThat(ImageName.parse("127.0.0.1:5000/ns/app@sha256:" + "a".repeat(64))
                        .orElseThrow())
                .isEqualTo(new ImageName("127.0.0.1:5000", "ns/app", null, "sha256:" + "a".repeat(64)));
        assertThat(ImageName.parse("localhost/x").orElseThrow().host()).isEqualTo("localhost");
        assertThat(ImageName.parse("Metadata/x").orElseThrow().host()).isEqualTo("metadata");
        assertThat(ImageName.parse("[::1]:5000/x").orElseThrow().host()).isEqualTo("[::1]:5000");
        assertThat(ImageName.parse("localhost:5000").orElseThrow().repository())
                .isEqualTo("docker.io/library/localhost");
    }

    @Test
    void invalidReferencesAndImageIdsAreTold() {
        assertThat(ImageName.parse("Busybox")).isEmpty();
        assertThat(ImageName.parse("a b")).isEmpty();
        assertThat(ImageName.parse("x:")).isEmpty();
        assertThat(ImageName.looksLikeImageId("4f2a")).isTrue();
        assertThat(ImageName.looksLikeImageId("sha256:" + "b".repeat(64))).isTrue();
        assertThat(ImageName.looksLikeImageId("busybox")).isFalse();
        assertThat(ImageName.looksLikeImageId("composer:2")).isFalse();
    }
}
