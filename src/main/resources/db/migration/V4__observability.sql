-- Per-build figures (phase durations, engine resource peaks) and webhook subscriptions (issue 7).
CREATE TABLE build_figures (
    build_id          VARCHAR(64) PRIMARY KEY,
    fetch_ms          BIGINT,
    unpack_ms         BIGINT,
    plan_ms           BIGINT,
    build_ms          BIGINT,
    push_ms           BIGINT,
    peak_memory_bytes BIGINT,
    peak_cpu_percent  DOUBLE PRECISION,
    expected_seconds  BIGINT,
    log_bytes         BIGINT,
    log_truncated     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE build_callbacks (
    build_id VARCHAR(64)   PRIMARY KEY,
    url      VARCHAR(2048) NOT NULL,
    fired    BOOLEAN       NOT NULL DEFAULT FALSE
);

-- Build logs as chunks of consecutive lines (one row per batch instead of one per line): a build
-- printing 200,000 lines writes about 200 rows. Lines are joined with '\n'.
CREATE TABLE build_log_chunks (
    build_id  VARCHAR(64)      NOT NULL,
    first_seq BIGINT           NOT NULL,
    last_seq  BIGINT           NOT NULL,
    lines     VARCHAR(2097152) NOT NULL,
    PRIMARY KEY (build_id, first_seq)
);
CREATE INDEX build_log_chunks_last ON build_log_chunks (build_id, last_seq);
