package dev.taskmesh.api.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The permission table of docs/security.md, row by row. */
class WorkspaceRoleTest {

    @Test
    void everyRoleReads() {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            assertThat(role.allows(Permission.READ)).as(role.wireName()).isTrue();
        }
    }

    @Test
    void viewersOnlyRead() {
        assertThat(WorkspaceRole.VIEWER.allows(Permission.WRITE)).isFalse();
        assertThat(WorkspaceRole.VIEWER.allows(Permission.MANAGE)).isFalse();
    }

    @Test
    void membersWriteButDoNotManage() {
        assertThat(WorkspaceRole.MEMBER.allows(Permission.WRITE)).isTrue();
        assertThat(WorkspaceRole.MEMBER.allows(Permission.MANAGE)).isFalse();
    }

    @Test
    void adminsAndOwnersManage() {
        assertThat(WorkspaceRole.ADMIN.allows(Permission.MANAGE)).isTrue();
        assertThat(WorkspaceRole.OWNER.allows(Permission.MANAGE)).isTrue();
    }

    @Test
    void wireNamesAreLowercaseAndStrict() {
        assertThat(WorkspaceRole.fromWireName("admin")).isEqualTo(WorkspaceRole.ADMIN);
        assertThatThrownBy(() -> WorkspaceRole.fromWireName("ADMIN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkspaceRole.fromWireName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsTakeOnlyCanonicalUuids() {
        assertThat(WorkspaceId.parse("123e4567-e89b-42d3-a456-426614174000").toString())
                .isEqualTo("123e4567-e89b-42d3-a456-426614174000");
        assertThatThrownBy(() -> WorkspaceId.parse("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkspaceId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
