package dev.taskmesh.realtime.stream;

import dev.taskmesh.api.wire.CanonicalUuid;
import java.util.Locale;
import java.util.UUID;

/**
 * A stream a client can subscribe to: {@code workspace:<id>}, {@code task:<id>} or {@code user:<id>}. Parsed
 * strictly and printed canonically, so one stream never has two names (and two position sequences).
 */
public record StreamName(Kind kind, UUID id) {

    public enum Kind {
        WORKSPACE,
        TASK,
        USER;

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static StreamName workspace(UUID id) {
        return new StreamName(Kind.WORKSPACE, id);
    }

    public static StreamName task(UUID id) {
        return new StreamName(Kind.TASK, id);
    }

    public static StreamName user(UUID id) {
        return new StreamName(Kind.USER, id);
    }

    /** @throws IllegalArgumentException when the text is not {@code <kind>:<canonical uuid>} */
    public static StreamName parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a stream is <kind>:<id>");
        }
        String prefix = text.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.prefix().equals(prefix)) {
                return new StreamName(kind, CanonicalUuid.parse(text.substring(colon + 1)));
            }
        }
        throw new IllegalArgumentException("unknown stream kind: " + prefix);
    }

    @Override
    public String toString() {
        return kind.prefix() + ":" + id;
    }
}
