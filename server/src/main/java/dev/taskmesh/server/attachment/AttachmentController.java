package dev.taskmesh.server.attachment;

import dev.taskmesh.api.task.AddAttachmentCommand;
import dev.taskmesh.api.task.AttachmentId;
import dev.taskmesh.api.task.AttachmentList;
import dev.taskmesh.api.task.AttachmentStatus;
import dev.taskmesh.api.task.AttachmentView;
import dev.taskmesh.api.task.FindAttachmentQuery;
import dev.taskmesh.api.task.FindAttachmentsQuery;
import dev.taskmesh.api.task.RemoveAttachmentCommand;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.command.task.TaskRegistry;
import dev.taskmesh.server.attachment.AttachmentStorage.Stored;
import dev.taskmesh.server.attachment.AttachmentStorage.TooLargeException;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.task.TaskPresence;
import dev.taskmesh.server.web.FieldError;
import dev.taskmesh.server.web.IfMatch;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import dev.taskmesh.server.web.Requires;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A task's files. An upload is stored at once under a new attachment id and answers 202: the file waits for its scan
 * ({@link AttachmentScanning}) and can be downloaded, through a link of the list, only once scanned clean.
 */
@RestController
@RequestMapping("/api/workspaces/{ws}/tasks/{t}/attachments")
class AttachmentController {

    private static final Logger log = LoggerFactory.getLogger(AttachmentController.class);

    /** The processing group that builds attachment_view; reads wait on it for {@code minPosition}. */
    private static final String READ_MODEL = "attachments";

    /** The form part that holds the file. */
    private static final String PART = "file";

    private final CommandSender commands;
    private final QueryGateway queries;
    private final TaskPresence task;
    private final ObjectProvider<TaskRegistry> tasks;
    private final AttachmentStorage storage;
    private final DownloadLinks links;
    private final long maxSize;

    AttachmentController(
            CommandSender commands,
            QueryGateway queries,
            TaskPresence task,
            ObjectProvider<TaskRegistry> tasks,
            AttachmentStorage storage,
            DownloadLinks links,
            AttachmentProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.task = task;
        this.tasks = tasks;
        this.storage = storage;
        this.links = links;
        this.maxSize = properties.maxSize().toBytes();
    }

    /**
     * The file comes as the {@code file} part of a multipart/form-data body. The task is looked up in the command
     * side's registry, which is current the moment its creation answered, before any byte of the body is read.
     */
    @PostMapping
    @Requires(Permission.WRITE)
    ResponseEntity<CommandAccepted> upload(
            CurrentUser user, @PathVariable WorkspaceId ws, @PathVariable TaskId t, HttpServletRequest request)
            throws IOException {
        TaskRegistry registry = tasks.getIfAvailable();
        if (registry == null) {
            // a node without the command side (taskmesh.command.enabled=false): no command could record the file
            throw new ProblemException(
                    ProblemType.UNAVAILABLE, "This node does not handle commands; retry on another.");
        }
        if (registry.find(ws, t).isEmpty()) {
            throw ProblemException.notFound("No such task.");
        }
        Part part = filePart(request);
        try {
            String fileName = fileName(part);
            if (part.getSize() == 0) {
                throw invalid("The file is empty.");
            }
            String declaredType = part.getContentType() == null ? "application/octet-stream" : part.getContentType();
            if (declaredType.length() > 255) {
                throw invalid("The file's Content-Type is longer than 255 characters.");
            }
            AttachmentId attachment = AttachmentId.random();
            Stored stored = store(attachment, part);
            CommandAccepted accepted;
            try {
                accepted = commands.send(
                        new AddAttachmentCommand(
                                t, ws, attachment, fileName, declaredType, stored.size(), stored.sha256(), user.id()),
                        t);
            } catch (RuntimeException refused) {
                storage.delete(attachment.toString()); // the task went, or is full: keep no orphan
                throw refused;
            }
            return ResponseEntity.accepted()
                    .location(URI.create("/api/workspaces/" + ws + "/tasks/" + t + "/attachments/" + attachment))
                    .body(new CommandAccepted(attachment.toString(), accepted.version(), accepted.globalPosition()));
        } finally {
            part.delete();
        }
    }

    /** The task's files in the order added; a clean one carries a download link made for the caller. */
    @GetMapping
    Page<AttachmentView> list(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition) {
        PageRequest page = PageRequest.of(cursor, limit);
        task.require(ws, t, READ_MODEL, minPosition);
        AttachmentList list = queries.query(
                        new FindAttachmentsQuery(ws, t, page.after(), page.limit()), AttachmentList.class)
                .join();
        List<AttachmentView> items =
                list.items().stream().map(view -> linked(view, ws, user)).toList();
        return new Page<>(items, PageRequest.cursor(list.nextAfter()));
    }

    @GetMapping("/{a}")
    AttachmentView one(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @PathVariable AttachmentId a,
            @RequestParam(required = false) Long minPosition) {
        task.require(ws, t, READ_MODEL, minPosition);
        AttachmentView view = queries.query(
                        new FindAttachmentQuery(ws, a), ResponseTypes.optionalInstanceOf(AttachmentView.class))
                .join()
                .filter(found -> found.taskId().equals(t))
                .orElseThrow(() -> ProblemException.notFound("No such attachment."));
        return linked(view, ws, user);
    }

    /**
     * Any member removes a file (as any member may delete the task). The file leaves storage as the removal answers,
     * so its links end at once rather than when the read model catches up; the scanning processor deletes it again
     * when it meets the event, which covers a node that died in between.
     */
    @DeleteMapping("/{a}")
    @Requires(Permission.WRITE)
    CommandAccepted remove(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @PathVariable AttachmentId a,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CommandAccepted accepted =
                commands.send(new RemoveAttachmentCommand(t, ws, a, IfMatch.version(ifMatch), user.id()), t);
        try {
            storage.delete(a.toString());
        } catch (IOException e) {
            log.warn("Attachment {} stays in storage until its removal event is processed", a, e);
        }
        return new CommandAccepted(a.toString(), accepted.version(), accepted.globalPosition());
    }

    private AttachmentView linked(AttachmentView view, WorkspaceId ws, CurrentUser user) {
        if (view.status() != AttachmentStatus.CLEAN) {
            return view;
        }
        String path = DownloadController.path(ws, view.id());
        String caller = user.id().toString();
        return view.withDownloadUrl(
                path + "?user=" + caller + "&" + links.sign(path, caller).query());
    }

    /**
     * The file part, parsed now (multipart is resolved lazily). The sizes are Tomcat's to enforce while it parses;
     * it reports them as an IllegalStateException, which Spring's lazy request turns into its own exception.
     */
    private Part filePart(HttpServletRequest request) throws IOException {
        if (!StringUtils.startsWithIgnoreCase(request.getContentType(), MediaType.MULTIPART_FORM_DATA_VALUE)) {
            throw new ProblemException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Upload the file as multipart/form-data, in a part named '" + PART + "'.");
        }
        Part part;
        try {
            part = request.getPart(PART);
        } catch (MaxUploadSizeExceededException | IllegalStateException e) {
            throw tooLarge();
        } catch (MultipartException | ServletException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The multipart body cannot be read.");
        }
        if (part == null || part.getSubmittedFileName() == null) {
            throw invalid("A part named '" + PART + "' with a file name is required.");
        }
        return part;
    }

    private static String fileName(Part part) {
        try {
            return FileNames.shown(part.getSubmittedFileName());
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid file name: " + e.getMessage() + ".");
        }
    }

    private Stored store(AttachmentId attachment, Part part) throws IOException {
        try (InputStream content = part.getInputStream()) {
            return storage.put(attachment.toString(), content, maxSize);
        } catch (TooLargeException e) {
            throw tooLarge();
        } catch (IOException e) {
            log.error("Could not store attachment {}", attachment, e);
            throw e;
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "A file may hold at most " + maxSize + " bytes.");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, List.of(FieldError.query(PART, detail)));
    }
}
