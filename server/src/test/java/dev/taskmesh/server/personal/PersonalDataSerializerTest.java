package dev.taskmesh.server.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskmesh.api.account.UserDisplayNameChangedEvent;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserRegisteredEvent;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Crypto-shredding in the event serializer: personal fields are stored sealed, read back, and unreadable once the key is gone. */
class PersonalDataSerializerTest {

    private static final UserId ADA = UserId.random();

    private final Keys keys = new Keys();
    private final PersonalDataSerializer serializer =
            new PersonalDataSerializer(JacksonSerializer.defaultSerializer(), keys);

    @Test
    void personalFieldsAreStoredSealedAndReadBack() {
        UserRegisteredEvent registered = new UserRegisteredEvent(ADA, "ada", "Ada Lovelace");

        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);

        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains(ADA.toString(), PersonalDataSerializer.PREFIX).doesNotContain("Lovelace", "\"ada\"");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(registered);
    }

    @Test
    void withTheKeyForgottenTheFieldsReadAsErased() {
        SerializedObject<byte[]> stored =
                serializer.serialize(new UserRegisteredEvent(ADA, "ada", "Ada Lovelace"), byte[].class);
        SerializedObject<byte[]> renamed =
                serializer.serialize(new UserDisplayNameChangedEvent(ADA, "Ada King"), byte[].class);

        keys.forget(ADA.value());

        assertThat((Object) serializer.deserialize(stored))
                .isEqualTo(new UserRegisteredEvent(ADA, "deleted-user", "Deleted user"));
        assertThat((Object) serializer.deserialize(renamed))
                .isEqualTo(new UserDisplayNameChangedEvent(ADA, "Deleted user"));
    }

    @Test
    void eventsWithoutPersonalDataPassThrough() {
        MemberAddedEvent added = new MemberAddedEvent(WorkspaceId.random(), ADA, WorkspaceRole.MEMBER, UserId.random());

        SerializedObject<byte[]> stored = serializer.serialize(added, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain(PersonalDataSerializer.PREFIX);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(added);
        assertThat(keys.stored).isEmpty();
    }

    @Test
    void valuesStoredBeforeEncryptionReadAsTheyAre() {
        String legacy = "{\"userId\":\"" + ADA + "\",\"handle\":\"ada\",\"displayName\":\"Ada Lovelace\"}";
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(
                legacy.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                serializer.typeForClass(UserRegisteredEvent.class));

        assertThat((Object) serializer.deserialize(stored))
                .isEqualTo(new UserRegisteredEvent(ADA, "ada", "Ada Lovelace"));
    }

    @Test
    void aSealedValueMovedToAnotherUserDoesNotOpen() {
        UserId mallory = UserId.random();
        String sealed = new String(
                        serializer
                                .serialize(new UserDisplayNameChangedEvent(ADA, "Ada"), byte[].class)
                                .getData(),
                        StandardCharsets.UTF_8)
                .replace(ADA.toString(), mallory.toString());
        keys.stored.put(mallory.value(), keys.keyFor(ADA.value()));

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(
                        sealed.getBytes(StandardCharsets.UTF_8),
                        byte[].class,
                        serializer.typeForClass(UserDisplayNameChangedEvent.class))))
                .hasMessageContaining("does not decrypt");
    }

    /** The key table, in memory: this test is about the serializer; ErasureIT runs the real table. */
    private static final class Keys extends PersonalDataKeys {

        final Map<UUID, SecretKey> stored = new HashMap<>();

        Keys() {
            super(null);
        }

        @Override
        SecretKey keyFor(UUID user) {
            return stored.computeIfAbsent(user, u -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                return new SecretKeySpec(key, "AES");
            });
        }

        @Override
        Optional<SecretKey> existing(UUID user) {
            return Optional.ofNullable(stored.get(user));
        }

        @Override
        void forget(UUID user) {
            stored.remove(user);
        }
    }
}
