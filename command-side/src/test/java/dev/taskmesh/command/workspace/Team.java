package dev.taskmesh.command.workspace;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.account.AccountDirectory;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** The workspace the membership fixtures start from: an owner, an admin and a member, at versions 0 to 2. */
final class Team {

    static final WorkspaceId WORKSPACE = WorkspaceId.random();
    static final UserId OWNER = UserId.random();
    static final UserId ADMIN = UserId.random();
    static final UserId MEMBER = UserId.random();

    private Team() {}

    /** A fixture of the workspace aggregate in which every user id names an account. */
    static AggregateTestFixture<Workspace> fixture() {
        AggregateTestFixture<Workspace> fixture = new AggregateTestFixture<>(Workspace.class);
        fixture.registerInjectableResource((AccountDirectory) user -> true);
        return fixture;
    }

    /** The team's history, then {@code later}. */
    static List<Object> history(Object... later) {
        List<Object> history = new ArrayList<>(List.of(
                new WorkspaceCreatedEvent(WORKSPACE, "Acme", OWNER),
                new MemberAddedEvent(WORKSPACE, ADMIN, WorkspaceRole.ADMIN, OWNER),
                new MemberAddedEvent(WORKSPACE, MEMBER, WorkspaceRole.MEMBER, OWNER)));
        history.addAll(List.of(later));
        return history;
    }
}
