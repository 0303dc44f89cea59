package dev.taskmesh.server.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code If-Match: "<version>"}, the optimistic-concurrency guard of every change to a task or project. The
 * version becomes the command's expected aggregate version; a stale one ends in 412 with nothing changed.
 */
public final class IfMatch {

    private static final Pattern STRONG_VERSION = Pattern.compile("\"(\\d{1,18})\"");

    private IfMatch() {}

    /**
     * @return the expected version, or null when the header is absent or {@code *} (any current version)
     * @throws ProblemException validation-failed for anything but a strong ETag we issued
     */
    public static Long version(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher matcher = STRONG_VERSION.matcher(header.strip());
        if (!matcher.matches()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "If-Match must be an ETag of this API, such as \"3\".",
                    List.of(FieldError.header("If-Match", "is not an ETag of this API")));
        }
        return Long.parseLong(matcher.group(1));
    }
}
