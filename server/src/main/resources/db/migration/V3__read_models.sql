-- Read models: projections of the events, each rebuildable by replaying its processing group.

CREATE TABLE project_view (
    project_id   UUID          NOT NULL PRIMARY KEY,
    workspace_id UUID          NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    description  VARCHAR(5000),
    archived     BOOLEAN       NOT NULL,
    created_by   UUID          NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    version      BIGINT        NOT NULL,
    seq          BIGSERIAL     NOT NULL
);
CREATE INDEX project_view_workspace_idx ON project_view (workspace_id, seq);

CREATE TABLE task_view (
    task_id      UUID         NOT NULL PRIMARY KEY,
    workspace_id UUID         NOT NULL,
    project_id   UUID         NOT NULL,
    title        TEXT         NOT NULL,
    description  TEXT,
    status       VARCHAR(20)  NOT NULL,
    created_by   UUID         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    version      BIGINT       NOT NULL
);
CREATE INDEX task_view_workspace_idx ON task_view (workspace_id, project_id);
