package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a project whose tasks are deleted already (ProjectRemoval deletes them first, in the same transaction). */
public record DeleteProjectCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        WorkspaceId workspaceId,
        Long expectedVersion,
        UserId requestedBy) {}
