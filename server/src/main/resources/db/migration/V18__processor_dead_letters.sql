-- Poison events (docs/operations.md#poison-events): an event a processor failed to handle on every attempt, and every
-- later event of the same sequence (aggregate), parked here so the processor moves on; an operator lists and retries
-- them under /admin/dead-letters. The event itself stays in the event store: a letter names it by position.
CREATE TABLE processor_dead_letter (
    id               BIGSERIAL   PRIMARY KEY,
    processor        TEXT        NOT NULL,
    sequence_id      TEXT        NOT NULL,
    global_index     BIGINT      NOT NULL,
    event_id         TEXT        NOT NULL,
    event_type       TEXT        NOT NULL,
    -- the handler's exception, or the earlier letter of its sequence this one waits behind
    cause            TEXT        NOT NULL,
    attempts         INT         NOT NULL,
    dead_lettered_at TIMESTAMPTZ NOT NULL,
    UNIQUE (processor, event_id)
);
CREATE INDEX processor_dead_letter_sequence ON processor_dead_letter (processor, sequence_id, global_index);
