package dev.taskmesh.server.membership;

import dev.taskmesh.api.workspace.PurgeWorkspaceCommand;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.server.attachment.AttachmentStorage;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges deleted workspaces once their grace period ({@code TASKMESH_WORKSPACE_GRACE_PERIOD}) has passed: their
 * attachment files first, then {@code PurgeWorkspace}, on whose event every read model drops the workspace's rows (so
 * a replay or rebuild drops them too). Every command node looks now and then; two racing purge one workspace once,
 * as the workspace appends its purge once.
 */
@Component
@ConditionalOnBooleanProperty(name = "taskmesh.command.enabled", matchIfMissing = true)
class WorkspacePurge {

    private static final Logger log = LoggerFactory.getLogger(WorkspacePurge.class);

    private final JdbcClient jdbc;
    private final CommandSender commands;
    private final AttachmentStorage files;
    private final Clock clock;
    private final Duration grace;

    WorkspacePurge(
            JdbcClient jdbc,
            CommandSender commands,
            AttachmentStorage files,
            Clock clock,
            @Value("${taskmesh.workspaces.grace-period:30d}") Duration grace) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.files = files;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(
            fixedDelayString = "${taskmesh.workspaces.purge-interval:1h}",
            initialDelayString = "${taskmesh.workspaces.purge-interval:1h}")
    void purgeDue() {
        List<UUID> due = jdbc.sql("""
                        SELECT workspace_id FROM workspace
                         WHERE deleted_at < :cutoff AND purged_at IS NULL
                         ORDER BY deleted_at LIMIT 100
                        """)
                .param("cutoff", Timestamp.from(clock.instant().minus(grace)))
                .query(UUID.class)
                .list();
        for (UUID workspace : due) {
            try {
                purge(new WorkspaceId(workspace));
            } catch (RuntimeException e) {
                // the next round tries again
                log.warn("Purging deleted workspace {} failed: {}", workspace, e.toString());
            }
        }
    }

    private void purge(WorkspaceId workspace) {
        for (UUID attachment : jdbc.sql("SELECT attachment_id FROM attachment_view WHERE workspace_id = :workspaceId")
                .param("workspaceId", workspace.value())
                .query(UUID.class)
                .list()) {
            try {
                files.delete(attachment.toString());
            } catch (IOException e) {
                throw new IllegalStateException("attachment " + attachment + " could not be deleted", e);
            }
        }
        commands.send(new PurgeWorkspaceCommand(workspace), workspace);
        log.info("Purged deleted workspace {}", workspace);
    }
}
