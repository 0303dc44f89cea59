package dev.taskmesh.server.web;

import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.operations.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Membership (404) then role (403) for every route under a workspace, before the handler reads its body (400).
 * A workspace the caller is not in answers exactly as one that does not exist.
 */
public class WorkspaceAccessInterceptor implements HandlerInterceptor {

    private final MembershipDirectory memberships;

    public WorkspaceAccessInterceptor(MembershipDirectory memberships) {
        this.memberships = memberships;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String workspace = variables == null ? null : variables.get("ws");
        if (workspace == null) {
            return true;
        }
        LogContext.put(LogContext.WORKSPACE_ID, workspace);
        CurrentUser user = CurrentUser.of(request)
                .orElseThrow(() ->
                        new ProblemException(ProblemType.UNAUTHENTICATED, "A valid bearer access token is required."));
        WorkspaceRole role = parse(workspace)
                .flatMap(id -> memberships.roleOf(id, user.id()))
                .orElseThrow(() -> ProblemException.notFound("No such workspace."));
        Requires requires = method.getMethodAnnotation(Requires.class);
        Permission needed = requires == null ? Permission.READ : requires.value();
        if (!role.allows(needed)) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN, "Your role (" + role.wireName() + ") does not allow this.");
        }
        return true;
    }

    private static Optional<WorkspaceId> parse(String text) {
        try {
            return Optional.of(WorkspaceId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
