CREATE TABLE builds (
    id           VARCHAR(64)  PRIMARY KEY,
    bundle_id    VARCHAR(128) NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    progress     INT          NOT NULL DEFAULT 0,
    current_step VARCHAR(2048),
    error        VARCHAR(65536),
    image_id     VARCHAR(128),
    image_tag    VARCHAR(512),
    size         BIGINT,
    options      VARCHAR(65536),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    ended_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX builds_created_at ON builds (created_at);
CREATE INDEX builds_status ON builds (status);

CREATE TABLE build_logs (
    build_id VARCHAR(64)   NOT NULL,
    seq      INT           NOT NULL,
    line     VARCHAR(65536) NOT NULL,
    PRIMARY KEY (build_id, seq)
);
