-- Notifications (docs/architecture.md#notifications). The inbox projection keeps its own copy of what its rules
-- need (members, tasks, watchers, names), in event order, so a rebuild decides exactly as the first run did.
CREATE TABLE notify_user (
    user_id      UUID PRIMARY KEY,
    display_name TEXT NOT NULL
);

CREATE TABLE notify_workspace (
    workspace_id UUID PRIMARY KEY,
    name         TEXT NOT NULL
);

CREATE TABLE notify_member (
    workspace_id UUID NOT NULL,
    user_id      UUID NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX notify_member_by_user ON notify_member (user_id);

CREATE TABLE notify_project (
    project_id   UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    name         TEXT NOT NULL
);

CREATE TABLE notify_task (
    task_id      UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    project_id   UUID NOT NULL,
    title        TEXT NOT NULL,
    assignee_id  UUID
);

CREATE TABLE notify_watcher (
    task_id UUID NOT NULL,
    user_id UUID NOT NULL,
    PRIMARY KEY (task_id, user_id)
);

CREATE TABLE notify_preference (
    user_id     UUID PRIMARY KEY,
    preferences TEXT NOT NULL
);

-- One row per (event, recipient): the id is derived from both, so a replay or retry inserts nothing new.
CREATE TABLE notification (
    seq            BIGSERIAL   NOT NULL UNIQUE,
    id             UUID        PRIMARY KEY,
    user_id        UUID        NOT NULL,
    workspace_id   UUID        NOT NULL,
    workspace_name TEXT        NOT NULL,
    event_id       TEXT        NOT NULL,
    kind           TEXT        NOT NULL,
    actor_id       UUID,
    actor_name     TEXT,
    task_id        UUID,
    task_title     TEXT,
    project_id     UUID,
    project_name   TEXT,
    excerpt        TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    read           BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX notification_by_user ON notification (user_id, seq);
CREATE INDEX notification_unread ON notification (user_id, workspace_id) WHERE NOT read;
