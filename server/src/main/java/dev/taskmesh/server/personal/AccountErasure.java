package dev.taskmesh.server.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskmesh.api.account.EraseAccountCommand;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.RemoveMemberCommand;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.realtime.stream.StreamLog;
import dev.taskmesh.realtime.stream.StreamName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases an account in one transaction: the person leaves every workspace, the account's {@code UserErased} event is
 * appended, their personal data key is deleted (their handle, names and time zone in the event store become
 * unreadable), and what the tables that are no projection hold of them goes: the account row becomes a tombstone
 * (its id stays, so everything they did still names someone: "Deleted user"), their links, webhook, dead letters,
 * the address of invitations to them, and their own realtime stream. Projections replace them on the event
 * (notifications, and the notification frames already in the replay log). What they wrote in workspaces (tasks, comments) stays: it is the team's work.
 */
@Service
public class AccountErasure {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final CommandSender commands;
    private final PersonalDataKeys keys;
    private final PersonalDataSerializer serializer;
    private final StreamLog streams;

    AccountErasure(
            JdbcClient jdbc,
            CommandSender commands,
            PersonalDataKeys keys,
            PersonalDataSerializer serializer,
            StreamLog streams) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.keys = keys;
        this.serializer = serializer;
        this.streams = streams;
    }

    /** @throws CommandRejectedException conflict while the user is the last owner of a workspace */
    @Transactional
    public void erase(UserId user) {
        List<UUID> soleOwned =
                jdbc.sql("""
                        SELECT m.workspace_id FROM workspace_member m
                         WHERE m.user_id = :userId AND m.role = 'owner'
                           AND NOT EXISTS (SELECT 1 FROM workspace_member o
                                            WHERE o.workspace_id = m.workspace_id AND o.role = 'owner'
                                              AND o.user_id <> m.user_id)
                        """).param("userId", user.value()).query(UUID.class).list();
        if (!soleOwned.isEmpty()) {
            throw CommandRejectedException.conflict("You are the last owner of " + soleOwned.size()
                    + " workspace(s): hand them over (POST /api/workspaces/{ws}/ownership), make another member an"
                    + " owner, or delete them (DELETE /api/workspaces/{ws}) first: " + soleOwned);
        }
        for (UUID workspace : jdbc.sql("SELECT workspace_id FROM workspace_member WHERE user_id = :userId")
                .param("userId", user.value())
                .query(UUID.class)
                .list()) {
            WorkspaceId id = new WorkspaceId(workspace);
            commands.send(new RemoveMemberCommand(id, user, user), id);
        }
        commands.send(new EraseAccountCommand(user), user);
        keys.forget(user.value());
        scrubUnencrypted(user);
        String address = jdbc.sql("SELECT lower(email) FROM user_account WHERE user_id = :userId")
                .param("userId", user.value())
                .query(String.class)
                .single();
        jdbc.sql("""
                        UPDATE invitation SET email = 'erased@erased.invalid',
                               status = CASE status WHEN 'pending' THEN 'revoked' ELSE status END
                         WHERE lower(email) = :email
                        """).param("email", address).update();
        jdbc.sql("""
                        UPDATE user_account
                           SET email = 'erased-' || user_id || '@erased.invalid',
                               handle = 'erased_' || left(replace(user_id::text, '-', ''), 20),
                               display_name = 'Deleted user',
                               password_hash = '!',
                               time_zone = 'UTC',
                               email_verified_at = NULL
                         WHERE user_id = :userId
                        """).param("userId", user.value()).update();
        for (String table : List.of("account_token", "webhook_endpoint", "delivery_dead_letter")) {
            jdbc.sql("DELETE FROM " + table + " WHERE user_id = :userId")
                    .param("userId", user.value())
                    .update();
        }
        // the user's own stream carried their profile events as they were relayed, in clear
        streams.drop(StreamName.user(user.value()));
    }

    /**
     * The user's events stored before their personal fields were encrypted hold them in clear: those fields are
     * overwritten with their erased value, the one exception to an append-only store, made for the same reason.
     */
    private void scrubUnencrypted(UserId user) {
        record Stored(long position, String type, byte[] payload) {}
        List<Stored> events = jdbc.sql("""
                        SELECT global_index, payload_type, payload FROM domain_event_entry
                         WHERE aggregate_identifier = :userId
                        """)
                .param("userId", user.toString())
                .query((rs, row) -> new Stored(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
                .list();
        for (Stored event : events) {
            List<PersonalDataSerializer.Field> fields =
                    serializer.fieldsOf(serializer.classForType(new SimpleSerializedType(event.type(), null)));
            if (fields.isEmpty()) {
                continue;
            }
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(event.payload());
                boolean changed = false;
                for (PersonalDataSerializer.Field field : fields) {
                    JsonNode value = node.get(field.name());
                    if (value != null
                            && value.isTextual()
                            && !value.textValue().startsWith(PersonalDataSerializer.PREFIX)) {
                        node.put(field.name(), field.erased());
                        changed = true;
                    }
                }
                if (changed) {
                    jdbc.sql("UPDATE domain_event_entry SET payload = :payload WHERE global_index = :position")
                            .param("payload", JSON.writeValueAsBytes(node))
                            .param("position", event.position())
                            .update();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
