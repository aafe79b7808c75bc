-- Verifiable builds (issue 18): what a reproducible build was pinned to, how its image was
-- normalised, its signed provenance (DSSE envelope) and SBOM (CycloneDX JSON), and rebuilds
-- started to check that the same bundle gives the same digest.
CREATE TABLE build_verifiable (
    build_id          VARCHAR(64) PRIMARY KEY,
    source_date_epoch BIGINT,
    base_images       VARCHAR(1000000),
    notes             VARCHAR(1000000),
    normalisation     VARCHAR(100000),
    sbom              VARCHAR(1000000),
    provenance        VARCHAR(1000000),
    attestation_push  VARCHAR(100000)
);

CREATE TABLE build_reproductions (
    rebuild_id VARCHAR(64) PRIMARY KEY,
    build_id   VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    result     VARCHAR(100000)
);
CREATE INDEX build_reproductions_build ON build_reproductions (build_id, created_at);
