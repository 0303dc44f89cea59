package dev.taskmesh.api.wire;

/**
 * One field of a JSON Merge Patch (RFC 7396) inside a command: the field itself null means "leave it", a Change
 * with a null value means "clear it".
 */
public record Change<T>(T value) {

    public static <T> Change<T> to(T value) {
        return new Change<>(value);
    }
}
