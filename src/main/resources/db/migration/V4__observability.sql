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
