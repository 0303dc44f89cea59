package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.Change;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A JSON Merge Patch of a project: a null field leaves it as it is. */
public record ChangeProjectCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        WorkspaceId workspaceId,
        Change<String> name,
        Change<String> description,
        Boolean archived,
        Long expectedVersion,
        UserId requestedBy) {}
