-- Several replicas on one database (issue 17).
-- Which replica ran a build (its engine holds the image; a push is routed there).
ALTER TABLE builds ADD COLUMN replica VARCHAR(100);

-- The replicas on this database: each writes its row on start and its heartbeat every few seconds;
-- url is where the others reach it (REPLICA_URL), for requests only it can answer.
CREATE TABLE replicas (
    name       VARCHAR(100)             PRIMARY KEY,
    url        VARCHAR(500)             NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A cancel asked of a build that runs on another replica: its replica sees it and stops the build.
CREATE TABLE build_cancel_requests (
    build_id     VARCHAR(64)              PRIMARY KEY,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The shared queue (BUILD_QUEUE=shared): db-scheduler's table, as its postgresql_tables.sql has it.
-- One row per queued or running build (task_instance = the build id), claimed with
-- SELECT ... FOR UPDATE SKIP LOCKED by exactly one replica (picked_by), which heartbeats it.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100)             NOT NULL,
    task_instance        VARCHAR(100)             NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
