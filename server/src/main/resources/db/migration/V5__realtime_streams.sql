-- Realtime streams (docs/realtime.md): per-stream positions and the replay log.
-- Written only by the realtime relay, in the transaction that advances its token, so a position is assigned exactly
-- once. A system of record: a projection rebuild never touches these tables; only retention prunes old frames.

-- The head position of every stream; the row '*' counts every frame ever stored (stream_frame.seq).
CREATE TABLE stream_head (
    stream   TEXT   NOT NULL PRIMARY KEY,
    position BIGINT NOT NULL
);

-- One row per frame. seq is dense and in relay order: nodes use it to notice a frame they missed on the bus.
CREATE TABLE stream_frame (
    seq          BIGINT      NOT NULL PRIMARY KEY,
    stream       TEXT        NOT NULL,
    position     BIGINT      NOT NULL,
    workspace_id UUID,
    event_id     TEXT        NOT NULL,
    frame        TEXT        NOT NULL,
    stored_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT stream_frame_position_key UNIQUE (stream, position)
);
CREATE INDEX stream_frame_stored_at_idx ON stream_frame (stored_at);
