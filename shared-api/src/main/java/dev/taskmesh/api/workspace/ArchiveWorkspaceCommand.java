package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Archives ({@code archived} true) or unarchives a workspace, or with null leaves it as it is; owners only. An
 * archived workspace is read-only.
 */
public record ArchiveWorkspaceCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, Boolean archived, UserId requestedBy) {}
