-- External notification channels (docs/architecture.md#notification-channels).

-- db-scheduler's queue (its PostgreSQL schema): one row per pending delivery or reminder, picked with row locks,
-- retried after a failure and taken over from a node that stopped heartbeating.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- deliveries that failed every attempt, until an operator retries them
CREATE TABLE delivery_dead_letter (
    delivery_id     UUID        PRIMARY KEY,
    channel         TEXT        NOT NULL,
    notification_id UUID        NOT NULL,
    user_id         UUID        NOT NULL,
    attempts        INT         NOT NULL,
    last_error      TEXT        NOT NULL,
    failed_at       TIMESTAMPTZ NOT NULL
);

-- a user's webhook: where to post and the secrets to sign with (the previous one stays valid for a day after a
-- rotation, so receivers can switch over); never in events, so a secret can be erased
CREATE TABLE webhook_endpoint (
    user_id         UUID        PRIMARY KEY,
    url             TEXT        NOT NULL,
    secret          TEXT        NOT NULL,
    previous_secret TEXT,
    rotated_at      TIMESTAMPTZ NOT NULL
);
