-- Bundles kept in the database when BUNDLE_STORE=database, so a bundle uploaded to one replica
-- builds on another (issue 17). Content-addressed like the disk store: id = SHA-256 of the bytes.
-- A bundle is a row here plus its bytes as 1 MiB chunks, written in one transaction (a reader sees
-- all chunks or no bundle) and read one chunk at a time (never the whole bundle in memory).
CREATE TABLE stored_bundles (
    id           VARCHAR(64)              PRIMARY KEY,
    size         BIGINT                   NOT NULL,
    chunks       INT                      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stored_bundles_last_used_at ON stored_bundles (last_used_at);

CREATE TABLE stored_bundle_chunks (
    bundle_id VARCHAR(64) NOT NULL,
    seq       INT         NOT NULL,
    data      BYTEA       NOT NULL,
    PRIMARY KEY (bundle_id, seq)
);
