package dev.taskmesh.server.attachment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.AttachmentId;
import dev.taskmesh.api.task.AttachmentStatus;
import dev.taskmesh.api.task.AttachmentView;
import dev.taskmesh.api.task.FindAttachmentQuery;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.task.TaskRegistry;
import dev.taskmesh.server.web.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads through the signed links the attachment list hands out. The link is the credential (a browser follows
 * it without the bearer token), so it lives outside /api. It must be intact and unexpired, its user must still be a
 * member of the workspace (the membership table decides, not the link), and the file must be clean; any failure is
 * the same 404, which tells nothing about which check failed.
 */
@RestController
class DownloadController {

    private final DownloadLinks links;
    private final MembershipDirectory memberships;
    private final QueryGateway queries;
    private final AttachmentStorage storage;
    private final ObjectProvider<TaskRegistry> tasks;

    DownloadController(
            DownloadLinks links,
            MembershipDirectory memberships,
            QueryGateway queries,
            AttachmentStorage storage,
            ObjectProvider<TaskRegistry> tasks) {
        this.links = links;
        this.memberships = memberships;
        this.queries = queries;
        this.storage = storage;
        this.tasks = tasks;
    }

    /** The path a link signs. */
    static String path(WorkspaceId ws, AttachmentId a) {
        return "/files/" + ws + "/" + a;
    }

    @GetMapping("/files/{ws}/{a}")
    ResponseEntity<Resource> download(
            @PathVariable WorkspaceId ws,
            @PathVariable AttachmentId a,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature)
            throws IOException {
        boolean signed = user != null
                && DownloadLinks.expiry(expires)
                        .filter(expiry -> links.verify(path(ws, a), user, expiry, signature))
                        .isPresent();
        if (!signed || memberships.roleOf(ws, UserId.parse(user)).isEmpty()) {
            throw gone();
        }
        AttachmentView file = queries.query(
                        new FindAttachmentQuery(ws, a), ResponseTypes.optionalInstanceOf(AttachmentView.class))
                .join()
                .filter(found -> found.status() == AttachmentStatus.CLEAN)
                .filter(found -> taskStillThere(ws, found.taskId()))
                .orElseThrow(DownloadController::gone);
        InputStream content;
        try {
            content = storage.open(a.toString());
        } catch (NoSuchFileException e) {
            throw gone();
        }
        return ResponseEntity.ok()
                .contentType(mediaType(file.contentType()))
                .contentLength(file.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.fileName(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(new InputStreamResource(content));
    }

    /**
     * The command side's registry knows of a task's deletion the moment it answered, where the read model may lag:
     * a deleted task's files go with it at once. (A node without the command side relies on the read model.)
     */
    private boolean taskStillThere(WorkspaceId ws, TaskId task) {
        TaskRegistry registry = tasks.getIfAvailable();
        return registry == null || registry.find(ws, task).isPresent();
    }

    private static MediaType mediaType(String type) {
        try {
            return MediaType.parseMediaType(type);
        } catch (InvalidMimeTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private static ProblemException gone() {
        return ProblemException.notFound("No such file.");
    }
}
