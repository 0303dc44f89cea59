package dev.taskmesh.realtime.stream;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The replay log (V5__realtime_streams.sql): positions per stream and the frames stored at them.
 *
 * <p>Positions are taken by incrementing {@code stream_head} rows, so the row locks keep every later transaction
 * waiting until this one commits: a frame at a higher position can never become visible before a lower one, which is
 * exactly the property the global index of the event store lacks.
 */
public class StreamLog {

    /** The stream_head row that counts all frames: its position is the latest seq. */
    static final String ALL = "*";

    private static final RowMapper<StoredFrame> FRAME = (rs, row) ->
            new StoredFrame(rs.getLong("seq"), rs.getString("stream"), rs.getLong("position"), rs.getString("frame"));

    private final JdbcTemplate jdbc;

    public StreamLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Assigns the next positions to {@code frames}, in order, and stores them. Must run inside the caller's
     * transaction: the relay's, which also advances its token.
     */
    public List<StoredFrame> append(List<NewFrame> frames, Instant storedAt) {
        if (frames.isEmpty()) {
            return List.of();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(ALL, (long) frames.size());
        frames.forEach(frame -> counts.merge(frame.stream().toString(), 1L, Long::sum));
        Map<String, Long> heads = advanceHeads(counts);

        Map<String, Long> next = new HashMap<>();
        heads.forEach((stream, head) -> next.put(stream, head - counts.get(stream) + 1));
        List<StoredFrame> stored = new ArrayList<>(frames.size());
        List<Object[]> rows = new ArrayList<>(frames.size());
        Timestamp at = Timestamp.from(storedAt);
        for (NewFrame frame : frames) {
            String stream = frame.stream().toString();
            long seq = next.merge(ALL, 1L, Long::sum) - 1;
            long position = next.merge(stream, 1L, Long::sum) - 1;
            String json = frame.render().apply(position);
            stored.add(new StoredFrame(seq, stream, position, json));
            rows.add(new Object[] {seq, stream, position, frame.workspaceId(), frame.eventId(), json, at});
        }
        jdbc.batchUpdate("""
                INSERT INTO stream_frame (seq, stream, position, workspace_id, event_id, frame, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, rows);
        return stored;
    }

    private Map<String, Long> advanceHeads(Map<String, Long> counts) {
        String values = String.join(", ", java.util.Collections.nCopies(counts.size(), "(?, ?)"));
        String sql = "INSERT INTO stream_head (stream, position) VALUES " + values + """
                 ON CONFLICT (stream) DO UPDATE SET position = stream_head.position + EXCLUDED.position
                RETURNING stream, position
                """;
        Map<String, Long> heads = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(sql);
                    int index = 1;
                    for (Map.Entry<String, Long> count : counts.entrySet()) {
                        statement.setString(index++, count.getKey());
                        statement.setLong(index++, count.getValue());
                    }
                    return statement;
                },
                rs -> {
                    heads.put(rs.getString(1), rs.getLong(2));
                });
        return heads;
    }

    /** The stream's latest position; 0 before its first frame. */
    public long head(StreamName stream) {
        return head(stream.toString());
    }

    /** The seq of the latest frame of any stream; 0 before the first. */
    public long latestSeq() {
        return head(ALL);
    }

    private long head(String stream) {
        List<Long> heads = jdbc.queryForList("SELECT position FROM stream_head WHERE stream = ?", Long.class, stream);
        return heads.isEmpty() ? 0 : heads.getFirst();
    }

    /** Frames of one stream after {@code after}, up to {@code upTo}, in position order, at most {@code limit}. */
    public List<StoredFrame> range(StreamName stream, long after, long upTo, int limit) {
        return jdbc.query("""
                SELECT seq, stream, position, frame FROM stream_frame
                WHERE stream = ? AND position > ? AND position <= ?
                ORDER BY position LIMIT ?
                """, FRAME, stream.toString(), after, upTo, limit);
    }

    /** Frames of every stream after {@code seq}, in seq order, at most {@code limit}. */
    public List<StoredFrame> after(long seq, int limit) {
        return jdbc.query("""
                SELECT seq, stream, position, frame FROM stream_frame
                WHERE seq > ? ORDER BY seq LIMIT ?
                """, FRAME, seq, limit);
    }

    /** Deletes up to {@code batch} frames stored before {@code cutoff}; answers how many went. */
    public int prune(Instant cutoff, int batch) {
        return jdbc.update("""
                DELETE FROM stream_frame WHERE seq IN (
                    SELECT seq FROM stream_frame WHERE stored_at < ? ORDER BY seq LIMIT ?)
                """, Timestamp.from(cutoff), batch);
    }

    /**
     * Forgets a stream's frames (an erased user's own stream). Its positions are not reused; a node that had not yet
     * delivered one of them reads past it.
     */
    public int drop(StreamName stream) {
        return jdbc.update("DELETE FROM stream_frame WHERE stream = ?", stream.toString());
    }

    /**
     * Renames an erased person in the notification frames already stored, the replay log being a system of record
     * that clients read back: {@code data.actor.name} becomes {@code name} wherever {@code data.actor.id} is theirs.
     * It reads the log's notification frames once; erasure is rare.
     */
    public int renameActor(UUID actor, String name) {
        return jdbc.update("""
                UPDATE stream_frame
                   SET frame = jsonb_set(frame::jsonb, '{data,actor,name}', to_jsonb(?::text))::text
                 WHERE stream LIKE 'user:%' AND frame LIKE '%"type":"notification"%' AND frame LIKE ?
                   AND frame::jsonb #>> '{data,actor,id}' = ?
                """, name, "%" + actor + "%", actor.toString());
    }
}
