package dev.taskmesh.server.export;

import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code GET /admin/workspaces/{ws}/export}: one workspace's events and state, streamed as it is read. */
@RestController
class WorkspaceExportController {

    private final WorkspaceExport export;

    WorkspaceExportController(WorkspaceExport export) {
        this.export = export;
    }

    @GetMapping("/admin/workspaces/{ws}/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String ws) {
        WorkspaceId workspace = parse(ws);
        if (!export.exists(workspace)) {
            throw ProblemException.notFound("No workspace " + ws + ".");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"workspace-" + workspace + ".json\"")
                .body(out -> export.write(workspace, out));
    }

    private static WorkspaceId parse(String text) {
        try {
            return WorkspaceId.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No workspace " + text + ".");
        }
    }
}
