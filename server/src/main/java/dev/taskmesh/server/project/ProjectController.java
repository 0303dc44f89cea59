package dev.taskmesh.server.project;

import dev.taskmesh.api.project.ChangeProjectCommand;
import dev.taskmesh.api.project.CreateProjectCommand;
import dev.taskmesh.api.project.CreateProjectRequest;
import dev.taskmesh.api.project.FindProjectQuery;
import dev.taskmesh.api.project.FindProjectsQuery;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.project.ProjectList;
import dev.taskmesh.api.project.ProjectView;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.command.project.ProjectRemoval;
import dev.taskmesh.query.config.ReadModelChanges;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.cache.ListCache;
import dev.taskmesh.server.web.IfMatch;
import dev.taskmesh.server.web.MergePatch;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ReadConsistency;
import dev.taskmesh.server.web.Requires;
import dev.taskmesh.server.web.Validation;
import java.net.URI;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/workspaces/{ws}/projects")
class ProjectController {

    /** The processing group that builds project_view; reads wait on it for {@code minPosition}. */
    private static final String READ_MODEL = "project-views";

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadConsistency consistency;

    private final ListCache cache;

    private final ProjectRemoval removal;

    ProjectController(
            CommandSender commands,
            QueryGateway queries,
            ReadConsistency consistency,
            ListCache cache,
            ProjectRemoval removal) {
        this.removal = removal;
        this.commands = commands;
        this.queries = queries;
        this.consistency = consistency;
        this.cache = cache;
    }

    @PostMapping
    @Requires(Permission.MANAGE)
    ResponseEntity<CommandAccepted> create(
            CurrentUser user, @PathVariable WorkspaceId ws, @RequestBody CreateProjectRequest request) {
        Validation.of()
                .text("/name", request.name(), 1, 100)
                .optionalText("/description", request.description(), 5_000)
                .orThrow();
        ProjectId projectId = ProjectId.random();
        CommandAccepted accepted = commands.send(
                new CreateProjectCommand(projectId, ws, request.name().strip(), request.description(), user.id()),
                projectId);
        return ResponseEntity.created(URI.create("/api/workspaces/" + ws + "/projects/" + projectId))
                .body(accepted);
    }

    /** A JSON Merge Patch of name, description and archived. */
    @PatchMapping(
            path = "/{p}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Requires(Permission.MANAGE)
    CommandAccepted patch(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable ProjectId p,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        Long expectedVersion = IfMatch.version(ifMatch);
        MergePatch patch = MergePatch.of(body, Set.of("name", "description", "archived"));
        var name = patch.text("name", 1, 100, false);
        var description = patch.text("description", 0, 5_000, true);
        Boolean archived = patch.bool("archived");
        patch.orThrow();
        return commands.send(
                new ChangeProjectCommand(p, ws, name, description, archived, expectedVersion, user.id()), p);
    }

    /**
     * Deletes the project and every task in it (their comments and files with them), in one transaction; honours
     * If-Match on the project's version.
     */
    @DeleteMapping("/{p}")
    @Requires(Permission.MANAGE)
    CommandAccepted delete(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable ProjectId p,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return removal.delete(ws, p, IfMatch.version(ifMatch), user.id());
    }

    @GetMapping
    Page<ProjectView> list(
            @PathVariable WorkspaceId ws,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition) {
        PageRequest page = PageRequest.of(cursor, limit);
        if (minPosition != null) {
            // a read that must reflect a write goes to the read model: the cache is dropped only after the commit
            consistency.await(READ_MODEL, minPosition);
            return projects(ws, page);
        }
        return cache.page(ReadModelChanges.PROJECTS, ws, page, ProjectView.class, () -> projects(ws, page));
    }

    private Page<ProjectView> projects(WorkspaceId ws, PageRequest page) {
        ProjectList list = queries.query(new FindProjectsQuery(ws, page.after(), page.limit()), ProjectList.class)
                .join();
        return new Page<>(list.items(), PageRequest.cursor(list.nextAfter()));
    }

    @GetMapping("/{p}")
    ResponseEntity<ProjectView> one(
            @PathVariable WorkspaceId ws, @PathVariable ProjectId p, @RequestParam(required = false) Long minPosition) {
        consistency.await(READ_MODEL, minPosition);
        ProjectView project = queries.query(
                        new FindProjectQuery(ws, p), ResponseTypes.optionalInstanceOf(ProjectView.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound("No such project."));
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }
}
