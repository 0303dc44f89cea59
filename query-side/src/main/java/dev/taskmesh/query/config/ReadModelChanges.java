package dev.taskmesh.query.config;

import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Told when a read model's rows of a workspace changed, once the change is committed: where caches of those rows are
 * dropped. Told after the commit, never before, so no reader can cache the old rows under the new state.
 */
public interface ReadModelChanges {

    /** A workspace's project list. */
    String PROJECTS = "projects";

    /** A workspace's member list. */
    String MEMBERS = "members";

    void changed(String readModel, WorkspaceId workspaceId);

    /** Tells {@code changes} after the current unit of work commits. */
    static void afterCommit(ReadModelChanges changes, String readModel, WorkspaceId workspaceId) {
        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> changes.changed(readModel, workspaceId));
    }
}
