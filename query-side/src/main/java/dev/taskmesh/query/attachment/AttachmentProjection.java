package dev.taskmesh.query.attachment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.AttachmentAddedEvent;
import dev.taskmesh.api.task.AttachmentEvent;
import dev.taskmesh.api.task.AttachmentId;
import dev.taskmesh.api.task.AttachmentList;
import dev.taskmesh.api.task.AttachmentRejectedEvent;
import dev.taskmesh.api.task.AttachmentRemovedEvent;
import dev.taskmesh.api.task.AttachmentScannedEvent;
import dev.taskmesh.api.task.AttachmentStatus;
import dev.taskmesh.api.task.AttachmentView;
import dev.taskmesh.api.task.FindAttachmentQuery;
import dev.taskmesh.api.task.FindAttachmentsQuery;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.query.config.Keyset;
import dev.taskmesh.query.config.WorkspaceRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One row per file not removed. A file's position in its task's list is the task's version when it was added: unique
 * within the task and the same after a rebuild. Versions guard every update, so replays change nothing; a removal
 * deletes the row, and an event that comes after it finds nothing to change.
 */
@Component
@ProcessingGroup(AttachmentProjection.PROCESSING_GROUP)
class AttachmentProjection {

    static final String PROCESSING_GROUP = "attachments";

    private final JdbcClient jdbc;

    AttachmentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The deleted workspace's attachment rows go once its grace period has passed (the purge job removes the files). */
    @EventHandler
    void on(WorkspacePurgedEvent event) {
        WorkspaceRows.delete(jdbc, event.workspaceId(), "attachment_view");
    }

    @EventHandler
    void on(
            AttachmentEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        switch (event) {
            case AttachmentAddedEvent added -> insert(added, version, at);
            case AttachmentScannedEvent scanned ->
                judge(scanned, version, "clean", "detected_type", scanned.detectedType());
            case AttachmentRejectedEvent rejected ->
                judge(rejected, version, "rejected", "rejection", rejected.reason());
            case AttachmentRemovedEvent removed ->
                jdbc.sql(
                                "DELETE FROM attachment_view WHERE workspace_id = :workspaceId AND attachment_id = :attachmentId")
                        .param("workspaceId", event.workspaceId().value())
                        .param("attachmentId", event.attachmentId().value())
                        .update();
        }
    }

    /** Records a verdict: the new status and what goes with it, unless the row has seen this version. */
    private void judge(AttachmentEvent event, long version, String status, String column, String value) {
        jdbc.sql("UPDATE attachment_view SET status = :status, " + column + " = :value, version = :version"
                        + " WHERE workspace_id = :workspaceId AND attachment_id = :attachmentId AND version < :version")
                .param("status", status)
                .param("value", value)
                .param("version", version)
                .param("workspaceId", event.workspaceId().value())
                .param("attachmentId", event.attachmentId().value())
                .update();
    }

    private void insert(AttachmentAddedEvent event, long version, Instant at) {
        jdbc.sql("""
                        INSERT INTO attachment_view (attachment_id, workspace_id, task_id, file_name, declared_type,
                                                     size, sha256, status, uploaded_by, uploaded_at, seq, version)
                        VALUES (:attachmentId, :workspaceId, :taskId, :fileName, :declaredType,
                                :size, :sha256, 'pending', :uploadedBy, :at, :version, :version)
                        ON CONFLICT (attachment_id) DO NOTHING
                        """)
                .param("attachmentId", event.attachmentId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .param("fileName", event.fileName())
                .param("declaredType", event.contentType())
                .param("size", event.size())
                .param("sha256", event.sha256())
                .param("uploadedBy", event.uploadedBy().value())
                .param("at", Timestamp.from(at))
                .param("version", version)
                .update();
    }

    @QueryHandler
    AttachmentList handle(FindAttachmentsQuery query) {
        List<Keyset.Row<AttachmentView>> rows = jdbc.sql("""
                        SELECT * FROM attachment_view
                        WHERE workspace_id = :workspaceId AND task_id = :taskId AND seq > :after
                        ORDER BY seq LIMIT :limit
                        """)
                .param("workspaceId", query.workspaceId().value())
                .param("taskId", query.taskId().value())
                .param("after", query.after())
                .param("limit", query.limit() + 1)
                .query((rs, rowNum) -> new Keyset.Row<>(rs.getLong("seq"), view(rs)))
                .list();
        Keyset.Slice<AttachmentView> page = Keyset.slice(rows, query.limit());
        return new AttachmentList(page.items(), page.nextAfter());
    }

    @QueryHandler
    Optional<AttachmentView> handle(FindAttachmentQuery query) {
        return jdbc.sql(
                        "SELECT * FROM attachment_view WHERE workspace_id = :workspaceId AND attachment_id = :attachmentId")
                .param("workspaceId", query.workspaceId().value())
                .param("attachmentId", query.attachmentId().value())
                .query((rs, rowNum) -> view(rs))
                .optional();
    }

    private static AttachmentView view(ResultSet rs) throws SQLException {
        String detected = rs.getString("detected_type");
        return new AttachmentView(
                new AttachmentId(rs.getObject("attachment_id", UUID.class)),
                new TaskId(rs.getObject("task_id", UUID.class)),
                rs.getString("file_name"),
                detected == null ? rs.getString("declared_type") : detected,
                rs.getLong("size"),
                rs.getString("sha256"),
                AttachmentStatus.fromWireName(rs.getString("status")),
                rs.getString("rejection"),
                new UserId(rs.getObject("uploaded_by", UUID.class)),
                rs.getTimestamp("uploaded_at").toInstant(),
                null);
    }
}
