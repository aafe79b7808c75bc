-- Where each build's log stands, for a replica that serves the log of a build running on another
-- (issue 17). The owner writes the row when it opens the log (closed_at and last_seq empty) and
-- fills it in when it closes the log, after every line is stored: a reader elsewhere ends its
-- stream only once the build is final AND closed_at is set AND it has read up to last_seq (the
-- final status is stored before the log's last lines are). No row: the build never opened a log
-- (cancelled while queued, failed before running), ended before this table, or its log was
-- removed by retention; all of its lines are stored.
-- A table of its own rather than columns on builds: BuildRepository.update rewrites a build's
-- changing fields from the owner's copy, which would race with a separate column write, and
-- retention deletes these rows with the lines.
CREATE TABLE build_log_ends (
    build_id  VARCHAR(64)              PRIMARY KEY,
    opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at TIMESTAMP WITH TIME ZONE,
    last_seq  BIGINT
);
