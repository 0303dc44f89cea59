-- Feed retention (docs/architecture.md#activity-feed): per-user entries are kept for TASKMESH_FEED_RETENTION; below
-- the horizon a feed is read from the events themselves (feed_event, one row per event) for the workspaces the reader
-- belongs to, from the event that made them a member on.
ALTER TABLE feed_member ADD COLUMN joined_seq BIGINT NOT NULL DEFAULT 0;

CREATE INDEX feed_event_by_workspace ON feed_event (workspace_id, event_seq);
CREATE INDEX feed_event_by_time ON feed_event (at);

-- the lowest event_seq still served from feed_entry; one row, raised by FeedRetention, never lowered
CREATE TABLE feed_horizon (
    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    event_seq BIGINT NOT NULL
);
INSERT INTO feed_horizon (event_seq) VALUES (0);
