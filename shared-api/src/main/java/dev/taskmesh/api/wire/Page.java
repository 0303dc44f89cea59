package dev.taskmesh.api.wire;

import java.util.List;
import java.util.function.Function;

/** Every list answer: a page of items and an opaque cursor for the next one, null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
