-- The activity feed (GET /api/me/feed): each event stored once, and one small row per member of its workspace at
-- the time of the event pointing at it (fan-out of references: 50 members cost 50 index entries, not 50 copies).
-- feed_member is the feed's own view of membership, kept by the same processor in event order, so a rebuild gives
-- each event to exactly the members it had then.
CREATE TABLE feed_member (
    workspace_id UUID NOT NULL,
    user_id      UUID NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE feed_event (
    event_seq    BIGSERIAL   NOT NULL PRIMARY KEY,
    event_id     TEXT        NOT NULL UNIQUE,
    workspace_id UUID        NOT NULL,
    event_type   TEXT        NOT NULL,
    aggregate_id TEXT        NOT NULL,
    actor        UUID,
    at           TIMESTAMPTZ NOT NULL,
    data         TEXT        NOT NULL
);

-- newest first per user is a backwards scan of the primary key
CREATE TABLE feed_entry (
    user_id      UUID   NOT NULL,
    event_seq    BIGINT NOT NULL,
    workspace_id UUID   NOT NULL,
    PRIMARY KEY (user_id, event_seq)
);
