package dev.taskmesh.query.config;

import java.util.List;

/**
 * Keyset pagination for every read model list: rows carry their position ({@code seq}), a query fetches one row
 * more than asked, and that extra row only tells that another page exists, without a count.
 */
public final class Keyset {

    private Keyset() {}

    /** A read-model row with its position in the list. */
    public record Row<T>(long seq, T view) {}

    /** One page of views; {@code nextAfter} is null on the last page. */
    public record Slice<T>(List<T> items, Long nextAfter) {}

    /** @param rows fetched with {@code LIMIT limit + 1} */
    public static <T> Slice<T> slice(List<Row<T>> rows, int limit) {
        boolean more = rows.size() > limit;
        List<Row<T>> page = more ? rows.subList(0, limit) : rows;
        return new Slice<>(
                page.stream().map(Row::view).toList(), more ? page.getLast().seq() : null);
    }
}
