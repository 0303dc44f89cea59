package dev.taskmesh.server.attachment;

import dev.taskmesh.api.task.AttachmentAddedEvent;
import dev.taskmesh.api.task.AttachmentId;
import dev.taskmesh.api.task.AttachmentRejectedEvent;
import dev.taskmesh.api.task.AttachmentRemovedEvent;
import dev.taskmesh.api.task.RecordAttachmentScanCommand;
import dev.taskmesh.server.attachment.ContentPolicy.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Checks each new file and records the verdict on its task; deletes the file from storage once it is rejected or
 * removed. Its own tracking processor (one node at a time, in event order), never rebuilt: a rebuild only rewrites
 * read models. A scanner that cannot answer (clamd down) fails the handler, and the processor retries it with
 * backoff, so no file is ever passed unscanned; it waits as pending. Running a file's events again (after a crash)
 * is harmless: the task takes one verdict per file, and deleting a deleted file is no error. Only nodes with the
 * command side run it: its verdicts are commands.
 */
@Component
@ProcessingGroup(AttachmentScanning.PROCESSING_GROUP)
@ConditionalOnBooleanProperty(name = "taskmesh.command.enabled", matchIfMissing = true)
class AttachmentScanning {

    static final String PROCESSING_GROUP = "attachment-scanning";

    private static final Logger log = LoggerFactory.getLogger(AttachmentScanning.class);

    private final AttachmentStorage storage;
    private final ContentPolicy policy;
    private final AttachmentScanner scanner;
    private final CommandGateway commands;
    private final MeterRegistry meters;
    private final Timer scanTime;

    AttachmentScanning(
            AttachmentStorage storage,
            ContentPolicy policy,
            AttachmentScanner scanner,
            CommandGateway commands,
            MeterRegistry meters) {
        this.storage = storage;
        this.policy = policy;
        this.scanner = scanner;
        this.commands = commands;
        this.meters = meters;
        this.scanTime = Timer.builder("taskmesh.attachments.scan.duration")
                .description("Time to check one file: its type, then the malware scan")
                .register(meters);
    }

    @EventHandler
    void on(AttachmentAddedEvent event) throws IOException {
        String rejection;
        String detectedType = null;
        Timer.Sample sample = Timer.start(meters);
        try {
            Decision decision = judge(event);
            detectedType = decision.detectedType();
            rejection = decision.accepted() ? malware(event.attachmentId()) : decision.refusal();
        } catch (NoSuchFileException e) {
            // removed since (a replay), or stored on another node's disk: docs/operations.md#attachments
            rejection = "The file was lost before it could be checked.";
        }
        sample.stop(scanTime);
        meters.counter("taskmesh.attachments.scanned", "outcome", rejection == null ? "clean" : "rejected")
                .increment();
        if (rejection != null) {
            log.info("Attachment {} rejected: {}", event.attachmentId(), rejection);
        }
        commands.sendAndWait(new RecordAttachmentScanCommand(
                event.taskId(), event.workspaceId(), event.attachmentId(), detectedType, rejection));
    }

    @EventHandler
    void on(AttachmentRejectedEvent event) throws IOException {
        storage.delete(event.attachmentId().toString());
    }

    @EventHandler
    void on(AttachmentRemovedEvent event) throws IOException {
        storage.delete(event.attachmentId().toString());
    }

    private Decision judge(AttachmentAddedEvent event) throws IOException {
        try (InputStream content = storage.open(event.attachmentId().toString())) {
            return policy.judge(content, event.contentType(), event.fileName());
        }
    }

    /** Null when the scanner finds nothing; otherwise the rejection the uploader reads. */
    private String malware(AttachmentId attachment) throws IOException {
        try (InputStream content = storage.open(attachment.toString())) {
            Verdict verdict = scanner.scan(content);
            return verdict.clean() ? null : "Malware found: " + verdict.finding() + ".";
        }
    }
}
