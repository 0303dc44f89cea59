package dev.taskmesh.server.web;

import dev.taskmesh.api.wire.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code ?cursor=&limit=} of every list. The cursor is opaque to clients: the base64url of the last row's position,
 * so pages stay stable while rows are added (keyset pagination, never OFFSET).
 */
public record PageRequest(long after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String PREFIX = "v1:";

    /** @throws ProblemException validation-failed for a cursor we did not issue or a limit out of 1..200 */
    public static PageRequest of(String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalidQuery("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor == null || cursor.isEmpty()) {
            return new PageRequest(0, size);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                throw ProblemException.invalidQuery("cursor", "is not a cursor of this list");
            }
            long after = Long.parseLong(decoded.substring(PREFIX.length()));
            if (after < 0) {
                throw ProblemException.invalidQuery("cursor", "is not a cursor of this list");
            }
            return new PageRequest(after, size);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidQuery("cursor", "is not a cursor of this list");
        }
    }

    public static String cursor(Long after) {
        return after == null
                ? null
                : Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((PREFIX + after).getBytes(StandardCharsets.UTF_8));
    }

    /** A page from rows fetched with {@code limit + 1}: the extra row only tells that another page exists. */
    public <T> Page<T> page(List<T> rows, ToLongFunction<T> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, cursor(position.applyAsLong(items.get(limit - 1))));
    }
}
