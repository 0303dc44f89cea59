package dev.taskmesh.api.wire;

import java.util.UUID;

/** Parses ids from paths and bodies strictly: UUID.fromString also takes short forms such as "1-1-1-1-1". */
public final class CanonicalUuid {

    private CanonicalUuid() {}

    /** @throws IllegalArgumentException when the text is not a UUID in its 36-character form */
    public static UUID parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return UUID.fromString(text);
    }
}
