package dev.taskmesh.query.attachment;

import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A task's files are rows of their own, each built from its task's events alone: the default sequencing holds. */
@Component
class AttachmentsRebuild implements Rebuildable {

    @Override
    public String processingGroup() {
        return AttachmentProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("attachment_view");
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        return new AttachmentProjection(shadow);
    }
}
