-- The SHA-256 of the Dockerfile a build used: builds of other bundles with the same Dockerfile
-- (the same plan) give a running build its eta.
ALTER TABLE build_dockerfiles ADD COLUMN dockerfile_sha256 VARCHAR(64);
CREATE INDEX build_dockerfiles_sha256 ON build_dockerfiles (dockerfile_sha256);
