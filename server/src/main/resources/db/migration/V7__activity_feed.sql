-- The activity feed (GET /api/me/feed): one row per event per member of its workspace at the time of the event.
-- feed_member is the feed's own view of membership, kept by the same processor in event order, so a rebuild
-- gives each event to exactly the members it had then.
CREATE TABLE feed_member (
    workspace_id UUID NOT NULL,
    user_id      UUID NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE feed_entry (
    seq          BIGSERIAL   NOT NULL PRIMARY KEY,
    user_id      UUID        NOT NULL,
    workspace_id UUID        NOT NULL,
    event_id     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    aggregate_id TEXT        NOT NULL,
    actor        UUID,
    at           TIMESTAMPTZ NOT NULL,
    data         TEXT        NOT NULL,
    CONSTRAINT feed_entry_event_key UNIQUE (user_id, event_id)
);
CREATE INDEX feed_entry_user_idx ON feed_entry (user_id, seq);
