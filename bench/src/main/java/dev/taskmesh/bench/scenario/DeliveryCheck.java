package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.scenario.CommandMix.Acked;
import dev.taskmesh.bench.scenario.CommandMix.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a fault scenario's writes, once every processor has caught up: is every acknowledged command where it must
 * be, once? It reads the scenario's own database directly, for each command (by its key, the events'
 * {@code requestId}) its event in the event store, and that event in every read model it feeds: the task view and the
 * search table (their {@code version} at least the event's), the comment view, the activity feed, the realtime
 * replay log of its workspace's stream, and its notification for the assignee or the mentioned member.
 */
final class DeliveryCheck {

    private static final Map<Kind, String> EVENT = Map.of(
            Kind.CREATE, "TaskCreatedEvent",
            Kind.ASSIGN, "TaskAssignedEvent",
            Kind.MOVE, "TaskStatusChangedEvent",
            Kind.COMMENT, "CommentPostedEvent");

    /** For one place: how many items were expected, found, not found, and found more than once. */
    record Tally(long expected, long present, long missing, long duplicated) {

        boolean clean() {
            return missing == 0 && duplicated == 0;
        }
    }

    private record Stored(String eventId, long sequence) {}

    private DeliveryCheck() {}

    /** The tallies by place, in the order a reader follows an event: store, read models, stream, notifications. */
    static Map<String, Tally> run(Connection db, List<Acked> acked) throws SQLException {
        Map<String, List<Stored>> events = events(db);
        Map<String, Long> taskVersions = longs(db, "SELECT task_id::text, version FROM task_view");
        Map<String, Long> searchVersions = longs(db, "SELECT task_id::text, version FROM search_task");
        Map<String, Long> comments = longs(db, "SELECT comment_id::text, 1 FROM comment_view");
        Map<String, Long> feed = longs(db, "SELECT event_id, count(*) FROM feed_event GROUP BY event_id");
        Map<String, Long> frames = longs(db, """
                SELECT stream || ' ' || event_id, count(*) FROM stream_frame
                WHERE stream LIKE 'workspace:%' GROUP BY 1""");
        Map<String, Long> notifications = longs(db, """
                SELECT event_id || ' ' || user_id, count(*) FROM notification
                WHERE kind IN ('assigned', 'mentioned') GROUP BY 1""");
        Counter store = new Counter();
        Counter taskView = new Counter();
        Counter search = new Counter();
        Counter commentView = new Counter();
        Counter activity = new Counter();
        Counter replayLog = new Counter();
        Counter inbox = new Counter();
        for (Acked command : acked) {
            List<Stored> found = events.getOrDefault(command.key() + " " + EVENT.get(command.kind()), List.of());
            store.count(found.size());
            if (found.isEmpty()) {
                continue;
            }
            Stored event = found.getFirst();
            if (command.kind() == Kind.COMMENT) {
                commentView.count(comments.containsKey(command.answer().id()) ? 1 : 0);
            } else {
                taskView.count(taskVersions.getOrDefault(command.task(), -1L) >= event.sequence() ? 1 : 0);
                search.count(searchVersions.getOrDefault(command.task(), -1L) >= event.sequence() ? 1 : 0);
            }
            activity.count(feed.getOrDefault(event.eventId(), 0L));
            replayLog.count(frames.getOrDefault("workspace:" + command.workspace() + " " + event.eventId(), 0L));
            if (command.recipient() != null) {
                inbox.count(notifications.getOrDefault(event.eventId() + " " + command.recipient(), 0L));
            }
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        tallies.put("event store", store.tally());
        tallies.put("task view", taskView.tally());
        tallies.put("search", search.tally());
        tallies.put("comment view", commentView.tally());
        tallies.put("activity feed", activity.tally());
        tallies.put("replay log (workspace streams)", replayLog.tally());
        tallies.put("notifications (assigned, mentioned)", inbox.tally());
        return tallies;
    }

    /** Events that carry a request id, by "requestId EventType". */
    private static Map<String, List<Stored>> events(Connection db) throws SQLException {
        Map<String, List<Stored>> events = new HashMap<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'requestId', payload_type,
                               event_identifier, sequence_number
                        FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ? 'requestId'
                        """)) {
            while (rs.next()) {
                String type = rs.getString(2).substring(rs.getString(2).lastIndexOf('.') + 1);
                events.computeIfAbsent(rs.getString(1) + " " + type, k -> new ArrayList<>())
                        .add(new Stored(rs.getString(3), rs.getLong(4)));
            }
        }
        return events;
    }

    private static Map<String, Long> longs(Connection db, String sql) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    /** Counts, per expected item, how many times it was found. */
    private static final class Counter {
        private long expected;
        private long present;
        private long duplicated;

        void count(long found) {
            expected++;
            present += found > 0 ? 1 : 0;
            duplicated += Math.max(0, found - 1);
        }

        Tally tally() {
            return new Tally(expected, present, expected - present, duplicated);
        }
    }
}
