package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.time.Instant;

public record MemberView(UserId userId, String handle, String displayName, WorkspaceRole role, Instant joinedAt) {}
