package io.daas.builder.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of signed provenance (docs/verifiable-builds.md), bound in application.yml.
 *
 * @param keyFile the ECDSA P-256 signing key, PKCS#8 PEM ({@code PROVENANCE_KEY_FILE}, default
 *     DATA_DIR/provenance-key.pem); made on first start when absent, readable by the owner only
 * @param builderId the SLSA builder id written into every provenance ({@code PROVENANCE_BUILDER_ID})
 */
@ConfigurationProperties("builder.provenance")
public record ProvenanceProperties(
        @DefaultValue("./data/provenance-key.pem") Path keyFile,

        @DefaultValue("https://github.com/daas-builder/daas-builder")
        String builderId) {}
