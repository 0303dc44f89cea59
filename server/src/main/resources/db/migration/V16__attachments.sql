-- The files of each task (docs/security.md#attachments): one row per file not removed, built by the 'attachments'
-- processing group. The file itself lives in attachment storage under its attachment id.
CREATE TABLE attachment_view (
    attachment_id UUID        NOT NULL PRIMARY KEY,
    workspace_id  UUID        NOT NULL,
    task_id       UUID        NOT NULL,
    file_name     TEXT        NOT NULL,
    declared_type TEXT        NOT NULL,
    -- the type its bytes show, once scanned clean; it is served as that
    detected_type TEXT,
    size          BIGINT      NOT NULL,
    sha256        TEXT        NOT NULL,
    -- pending, clean or rejected
    status        TEXT        NOT NULL,
    rejection     TEXT,
    uploaded_by   UUID        NOT NULL,
    uploaded_at   TIMESTAMPTZ NOT NULL,
    -- the task's version when the file was added: its place in the task's list, the same after a rebuild
    seq           BIGINT      NOT NULL,
    version       BIGINT      NOT NULL
);
CREATE INDEX attachment_view_task_idx ON attachment_view (workspace_id, task_id, seq);
