package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing a member's role and handing a workspace over, over HTTP: a workspace never loses its last owner. */
class MemberRolesIT extends IntegrationTest {

    private User owner;
    private User admin;
    private User member;
    private String workspace;

    @BeforeEach
    void team() {
        owner = api.registerAndLogin(unique("owner"));
        admin = api.registerAndLogin(unique("admin"));
        member = api.registerAndLogin(unique("member"));
        workspace = api.createWorkspace(owner, "Roles");
        expect(api.addMember(owner, workspace, admin, "admin"), 201);
        expect(api.addMember(owner, workspace, member, "member"), 201);
    }

    @Test
    void aPromotedMemberManagesAtOnce() {
        Api.Response changed = expect(changeRole(admin, member, "admin"), 200);

        assertThat(changed.body().path("version").asLong()).isEqualTo(3);
        assertThat(roleOf(member)).isEqualTo("admin");
        User newcomer = api.registerAndLogin(unique("newcomer"));
        expect(api.addMember(member, workspace, newcomer, "viewer"), 201);
    }

    @Test
    void aDemotedMemberLosesItsPermissionsAtOnce() {
        expect(changeRole(owner, member, "viewer"), 200);

        Api.Response write = api.post(
                "/api/workspaces/" + workspace + "/projects", member.accessToken(), Map.of("name", "Not mine"));
        assertThat(write.status()).isEqualTo(403);
    }

    @Test
    void theLastOwnerCannotBeDemoted() {
        Api.Response refused = changeRole(owner, owner, "admin");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("conflict");
        assertThat(roleOf(owner)).isEqualTo("owner");
    }

    @Test
    void adminsNeitherGrantNorTakeAwayOwnership() {
        assertThat(changeRole(admin, member, "owner").status()).isEqualTo(403);
        // an admin touching an owner is refused before its body is read
        assertThat(api.send(
                                "PUT",
                                "/api/workspaces/" + workspace + "/members/" + owner.id() + "/role",
                                admin.accessToken(),
                                Map.of("role", "boss"))
                        .status())
                .isEqualTo(403);
        assertThat(roleOf(owner)).isEqualTo("owner");
    }

    @Test
    void problemsKeepTheConventionalOrder() {
        User outsider = api.registerAndLogin(unique("outsider"));
        assertThat(changeRole(outsider, member, "viewer").status()).isEqualTo(404);
        assertThat(changeRole(member, admin, "viewer").status()).isEqualTo(403);
        assertThat(api.send(
                                "PUT",
                                "/api/workspaces/" + workspace + "/members/not-a-user/role",
                                owner.accessToken(),
                                Map.of("role", "viewer"))
                        .status())
                .isEqualTo(404);
        assertThat(changeRole(owner, outsider, "viewer").status()).isEqualTo(404);
        Api.Response invalid = changeRole(owner, member, "boss");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("errors").get(0).path("pointer").asString())
                .isEqualTo("/role");
        assertThat(roleOf(member)).isEqualTo("member");
    }

    @Test
    void anOwnerHandsTheWorkspaceOverAndMayThenLeave() {
        Api.Response handedOver = expect(transfer(owner, member), 200);

        assertThat(handedOver.body().path("version").asLong()).isEqualTo(4);
        assertThat(roleOf(member)).isEqualTo("owner");
        assertThat(roleOf(owner)).isEqualTo("admin");
        expect(api.delete("/api/workspaces/" + workspace + "/members/" + owner.id(), owner.accessToken()), 200);
        assertThat(api.get("/api/workspaces/" + workspace, owner.accessToken()).status())
                .isEqualTo(404);
    }

    @Test
    void onlyAnOwnerHandsOverAndOnlyToAnotherMember() {
        assertThat(transfer(admin, member).status()).isEqualTo(403);
        User outsider = api.registerAndLogin(unique("outsider"));
        Api.Response toOutsider = transfer(owner, outsider);
        assertThat(toOutsider.status()).isEqualTo(400);
        assertThat(toOutsider.body().path("errors").get(0).path("pointer").asString())
                .isEqualTo("/userId");
        assertThat(transfer(owner, owner).status()).isEqualTo(400);
        assertThat(roleOf(owner)).isEqualTo("owner");
    }

    private Api.Response changeRole(User by, User of, String role) {
        return api.send(
                "PUT",
                "/api/workspaces/" + workspace + "/members/" + of.id() + "/role",
                by.accessToken(),
                Map.of("role", role));
    }

    private Api.Response transfer(User by, User to) {
        return api.post("/api/workspaces/" + workspace + "/ownership", by.accessToken(), Map.of("userId", to.id()));
    }

    /** The member's role as the member list shows it. */
    private String roleOf(User user) {
        for (var item : expect(api.get("/api/workspaces/" + workspace + "/members?limit=100", owner.accessToken()), 200)
                .body()
                .path("items")) {
            if (item.path("userId").asString().equals(user.id())) {
                return item.path("role").asString();
            }
        }
        return null;
    }
}
