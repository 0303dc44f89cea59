package dev.taskmesh.api.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.taskmesh.api.wire.CanonicalUuid;
import java.util.Objects;
import java.util.UUID;

/** Identifies a file attached to a task; chosen by the server, it is also the file's key in storage. */
public record AttachmentId(@JsonValue UUID value) {

    public AttachmentId {
        Objects.requireNonNull(value, "AttachmentId needs a value");
    }

    public static AttachmentId random() {
        return new AttachmentId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    @JsonCreator
    public static AttachmentId parse(String text) {
        return new AttachmentId(CanonicalUuid.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
