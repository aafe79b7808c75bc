-- Tenancy: who started each build, for which wallet; which tenants uploaded each bundle.
ALTER TABLE builds ADD COLUMN tenant VARCHAR(128);
ALTER TABLE builds ADD COLUMN wallet_address VARCHAR(66);
CREATE INDEX builds_tenant ON builds (tenant, created_at);
CREATE INDEX builds_wallet ON builds (wallet_address, created_at);

-- Bundles are content-addressed: the same bytes from two tenants are one bundle with two owners.
CREATE TABLE bundle_owners (
    bundle_id VARCHAR(128) NOT NULL,
    tenant    VARCHAR(128) NOT NULL,
    added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (bundle_id, tenant)
);
