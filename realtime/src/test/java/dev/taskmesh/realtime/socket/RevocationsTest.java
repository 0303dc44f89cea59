package dev.taskmesh.realtime.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.realtime.stream.StoredFrame;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RevocationsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final UUID USER = UUID.randomUUID();
    static final UUID WORKSPACE = UUID.randomUUID();

    @Test
    void aRemovalOnTheUsersStreamNamesTheUserAndTheWorkspace() {
        assertThat(Revocations.of(frame("user:" + USER, "MemberRemoved"), JSON))
                .contains(new Revocations.Removal(USER, WORKSPACE));
    }

    @Test
    void theSameEventOnTheWorkspaceStreamAndOtherEventsRevokeNothing() {
        assertThat(Revocations.of(frame("workspace:" + WORKSPACE, "MemberRemoved"), JSON))
                .isEmpty();
        assertThat(Revocations.of(frame("user:" + USER, "MemberAdded"), JSON)).isEmpty();
    }

    @Test
    void aDeletedWorkspaceRemovesEveryoneFromIt() {
        var removal = Revocations.of(frame("workspace:" + WORKSPACE, "WorkspaceDeleted"), JSON);

        assertThat(removal).contains(new Revocations.Removal(null, WORKSPACE));
        assertThat(removal.orElseThrow().removes(UUID.randomUUID())).isTrue();
        assertThat(Revocations.of(frame("workspace:" + WORKSPACE, "WorkspaceArchived"), JSON))
                .isEmpty();
    }

    private static StoredFrame frame(String stream, String eventType) {
        String json = "{\"type\":\"event\",\"stream\":\"" + stream + "\",\"position\":3,\"eventType\":\"" + eventType
                + "\",\"data\":{\"workspaceId\":\"" + WORKSPACE + "\",\"userId\":\"" + USER + "\"}}";
        return new StoredFrame(9, stream, 3, json);
    }
}
