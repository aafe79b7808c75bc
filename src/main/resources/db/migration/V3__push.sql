-- The push of a build's image to a registry (the latest one). Never holds a password: credentials
-- says where it comes from (none, request: memory only, default: REGISTRY_PASSWORD).
CREATE TABLE build_pushes (
    build_id    VARCHAR(64)  PRIMARY KEY,
    registry    VARCHAR(512) NOT NULL,
    namespace   VARCHAR(512) NOT NULL,
    repository  VARCHAR(512) NOT NULL,
    tag         VARCHAR(128) NOT NULL,
    username    VARCHAR(512),
    credentials VARCHAR(16)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    digest      VARCHAR(128),
    error       VARCHAR(65536),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX build_pushes_status ON build_pushes (status);
