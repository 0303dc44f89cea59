-- The complete write side: the command side's task lookup, fuller read models, comments, idempotency keys.

-- Ranks sort as plain strings in byte order (BoardRank), hence the "C" collation wherever a rank is ordered.
CREATE TABLE task_registry (
    task_id      UUID        NOT NULL PRIMARY KEY,
    workspace_id UUID        NOT NULL,
    project_id   UUID        NOT NULL,
    status       VARCHAR(20) NOT NULL,
    rank         TEXT COLLATE "C" NOT NULL,
    deleted      BOOLEAN     NOT NULL
);
CREATE INDEX task_registry_column_idx ON task_registry (workspace_id, project_id, status, rank) WHERE NOT deleted;

ALTER TABLE task_view
    ADD COLUMN priority    VARCHAR(10)  NOT NULL DEFAULT 'none',
    ADD COLUMN due_date    DATE,
    ADD COLUMN labels      TEXT[]       NOT NULL DEFAULT '{}',
    ADD COLUMN assignee_id UUID,
    ADD COLUMN watchers    UUID[]       NOT NULL DEFAULT '{}',
    ADD COLUMN rank        TEXT COLLATE "C" NOT NULL DEFAULT 'a0',
    ADD COLUMN deleted     BOOLEAN      NOT NULL DEFAULT false;
ALTER TABLE task_view ALTER COLUMN rank DROP DEFAULT;

CREATE TABLE comment_view (
    comment_id   UUID        NOT NULL PRIMARY KEY,
    workspace_id UUID        NOT NULL,
    task_id      UUID        NOT NULL,
    author_id    UUID        NOT NULL,
    body         TEXT        NOT NULL,
    mentions     UUID[]      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    edited_at    TIMESTAMPTZ,
    version      BIGINT      NOT NULL,
    deleted      BOOLEAN     NOT NULL DEFAULT false,
    seq          BIGSERIAL   NOT NULL
);
CREATE INDEX comment_view_task_idx ON comment_view (workspace_id, task_id, seq);

-- Idempotency-Key: the first successful answer to a POST, kept 24 hours, written in the transaction of the
-- command it answers, so that a retry either replays that answer or finds nothing was stored.
CREATE TABLE idempotency_key (
    user_id        UUID         NOT NULL,
    route          VARCHAR(500) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash   BYTEA        NOT NULL,
    status         INTEGER      NOT NULL,
    content_type   VARCHAR(255),
    location       VARCHAR(1000),
    body           BYTEA        NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, route, idempotency_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
