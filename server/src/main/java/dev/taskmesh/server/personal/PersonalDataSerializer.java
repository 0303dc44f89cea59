package dev.taskmesh.server.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskmesh.api.account.PersonalData;
import dev.taskmesh.api.account.UserEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * The event serializer, with crypto-shredding: the {@link PersonalData} components of a user event are stored as
 * {@code pd1:<base64 of IV and AES-256-GCM ciphertext>} under the key of the event's user, the user id and the field
 * name bound in as associated data (a value cannot be moved to another user or field). Reading one decrypts it, or,
 * once the key is deleted, yields the component's {@code erased} value, so an erased person reads the same in every
 * projection, replay and rebuild. Every other event passes straight through to Axon's Jackson serializer.
 *
 * <p>Values stored before this serializer (no prefix) read as they are; erasure rewrites those of the erased user
 * ({@link AccountErasure}).
 */
final class PersonalDataSerializer implements Serializer {

    static final String PREFIX = "pd1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Serializer delegate;
    private final PersonalDataKeys keys;
    private final Map<Class<?>, List<Field>> fieldsByType = new ConcurrentHashMap<>();
    /** By stored type too: every event read asks, and a rebuild reads millions. */
    private final Map<SerializedType, List<Field>> fieldsByStoredType = new ConcurrentHashMap<>();

    /** A personal component: its JSON name and what it reads as once erased. */
    record Field(String name, String erased) {}

    PersonalDataSerializer(Serializer delegate, PersonalDataKeys keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        List<Field> fields = object == null ? List.of() : fieldsOf(object.getClass());
        if (fields.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        UUID subject = ((UserEvent) object).userId().value();
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        ObjectNode node = (ObjectNode) tree.getData();
        SecretKey key = keys.keyFor(subject);
        for (Field field : fields) {
            JsonNode value = node.get(field.name());
            if (value != null && value.isTextual()) {
                node.put(field.name(), PREFIX + encrypt(key, subject, field, value.textValue()));
            }
        }
        return getConverter()
                .convert(new SimpleSerializedObject<>(node, JsonNode.class, tree.getType()), expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        List<Field> fields = fieldsOf(serializedObject.getType());
        if (fields.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        SerializedObject<JsonNode> tree = getConverter().convert(serializedObject, JsonNode.class);
        ObjectNode node = ((ObjectNode) tree.getData()).deepCopy();
        UUID subject = UUID.fromString(node.get("userId").textValue());
        Optional<SecretKey> key = Optional.empty();
        boolean looked = false;
        for (Field field : fields) {
            JsonNode value = node.get(field.name());
            if (value != null && value.isTextual() && value.textValue().startsWith(PREFIX)) {
                if (!looked) {
                    key = keys.existing(subject);
                    looked = true;
                }
                String sealed = value.textValue().substring(PREFIX.length());
                node.put(
                        field.name(),
                        key.map(k -> decrypt(k, subject, field, sealed)).orElse(field.erased()));
            }
        }
        return delegate.deserialize(new SimpleSerializedObject<>(node, JsonNode.class, tree.getType()));
    }

    /** The personal components of a type, found once per type; only user events may have any. */
    List<Field> fieldsOf(Class<?> type) {
        return fieldsByType.computeIfAbsent(type, PersonalDataSerializer::scan);
    }

    private List<Field> fieldsOf(SerializedType type) {
        return fieldsByStoredType.computeIfAbsent(type, stored -> {
            if (SerializedType.emptyType().equals(stored)) {
                return List.of();
            }
            Class<?> found = classForType(stored);
            return found == UnknownSerializedType.class ? List.of() : fieldsOf(found);
        });
    }

    private static List<Field> scan(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        if (type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                PersonalData personal = component.getAnnotation(PersonalData.class);
                if (personal != null) {
                    fields.add(new Field(component.getName(), personal.erased()));
                }
            }
        }
        if (!fields.isEmpty() && !UserEvent.class.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName()
                    + " has personal data but is no user event: only a user event names whose key encrypts it");
        }
        return List.copyOf(fields);
    }

    private static String encrypt(SecretKey key, UUID subject, Field field, String text) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(subject, field));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static String decrypt(SecretKey key, UUID subject, Field field, String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData(subject, field));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a value altered in the store, or moved from another user or field
            throw new IllegalStateException("A personal data value of user " + subject + " does not decrypt", e);
        }
    }

    private static byte[] associatedData(UUID subject, Field field) {
        return (subject + "/" + field.name()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
