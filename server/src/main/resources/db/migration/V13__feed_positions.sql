-- A feed event's seq becomes its position in the event store (domain_event_entry.global_index) instead of a number
-- drawn from a sequence: a rebuilt feed then numbers every event as the live one did, so feed cursors held by clients
-- stay valid across a rebuild (docs/operations.md#rebuilding-a-read-model). Existing rows are renumbered in place.
-- Positions rise with the old numbers except for events that filled a gap (a commit that came late), which the
-- processor numbered after later positions; a member's join and the horizon map to the first event at or after their
-- old number, which keeps "from this seq on" to within such late events.
CREATE TEMPORARY TABLE feed_position AS
SELECT f.event_seq AS old_seq, d.global_index AS new_seq
FROM feed_event f JOIN domain_event_entry d ON d.event_identifier = f.event_id;
CREATE UNIQUE INDEX ON feed_position (old_seq);

-- rows whose event is not in the store cannot be renumbered (none are expected)
DELETE FROM feed_entry WHERE event_seq NOT IN (SELECT old_seq FROM feed_position);
DELETE FROM feed_event WHERE event_seq NOT IN (SELECT old_seq FROM feed_position);

-- through negative numbers, so no row's new number meets another's old one in the primary keys
UPDATE feed_event f SET event_seq = -p.new_seq FROM feed_position p WHERE f.event_seq = p.old_seq;
UPDATE feed_event SET event_seq = -event_seq WHERE event_seq < 0;
UPDATE feed_entry e SET event_seq = -p.new_seq FROM feed_position p WHERE e.event_seq = p.old_seq;
UPDATE feed_entry SET event_seq = -event_seq WHERE event_seq < 0;

-- "from this seq on": the first renumbered event at or after it, or past every stored event
UPDATE feed_member SET joined_seq = coalesce(
    (SELECT new_seq FROM feed_position WHERE old_seq >= joined_seq ORDER BY old_seq LIMIT 1),
    (SELECT coalesce(max(global_index), 0) + 1 FROM domain_event_entry));
UPDATE feed_horizon SET event_seq = coalesce(
    (SELECT new_seq FROM feed_position WHERE old_seq >= event_seq ORDER BY old_seq LIMIT 1),
    (SELECT coalesce(max(global_index), 0) + 1 FROM domain_event_entry));

ALTER TABLE feed_event ALTER COLUMN event_seq DROP DEFAULT;
DROP SEQUENCE feed_event_event_seq_seq;
DROP TABLE feed_position;
