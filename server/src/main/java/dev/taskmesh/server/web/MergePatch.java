package dev.taskmesh.server.web;

import dev.taskmesh.api.wire.Change;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON Merge Patch (RFC 7396) field by field: an absent field yields null (leave it), a JSON null yields a
 * Change to null (clear it). Every fault is collected, and {@link #orThrow()} reports them all at once.
 */
public final class MergePatch {

    private final JsonNode body;
    private final Validation validation = Validation.of();

    private MergePatch(JsonNode body) {
        this.body = body;
    }

    /** @param fields the names a client may change; any other name is reported as invalid */
    public static MergePatch of(JsonNode body, Set<String> fields) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "A merge patch is a JSON object.",
                    List.of(FieldError.body("", "must be a JSON object")));
        }
        MergePatch patch = new MergePatch(body);
        for (String name : body.propertyNames()) {
            if (!fields.contains(name)) {
                patch.validation.fail("/" + name, "is not a field that can be changed");
            }
        }
        return patch;
    }

    /** A text of {@code min} to {@code max} characters, stripped of surrounding blanks. */
    public Change<String> text(String name, int min, int max, boolean clearable) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return cleared(name, clearable);
        }
        if (!value.isString()) {
            validation.fail("/" + name, "must be text");
            return null;
        }
        String text = value.asString().strip();
        if (min > 0) {
            validation.text("/" + name, text, min, max);
        } else {
            validation.optionalText("/" + name, text, max);
        }
        return Change.to(text);
    }

    /** A text value parsed by {@code parse}, which throws IllegalArgumentException (or a subclass) when invalid. */
    public <T> Change<T> parsed(String name, Function<String, T> parse, boolean clearable, String detail) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return cleared(name, clearable);
        }
        try {
            if (!value.isString()) {
                throw new IllegalArgumentException();
            }
            return Change.to(parse.apply(value.asString()));
        } catch (RuntimeException e) {
            validation.fail("/" + name, detail);
            return null;
        }
    }

    public Boolean bool(String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            validation.fail("/" + name, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** A list of distinct texts, each 1 to {@code maxLength} characters; null clears it to the empty list. */
    public Change<List<String>> texts(String name, int maxItems, int maxLength) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return Change.to(List.of());
        }
        if (!value.isArray()) {
            validation.fail("/" + name, "must be an array of texts");
            return null;
        }
        Set<String> items = new LinkedHashSet<>();
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String pointer = "/" + name + "/" + i;
            if (!element.isString()) {
                validation.fail(pointer, "must be text");
                continue;
            }
            String text = element.asString().strip();
            validation.text(pointer, text, 1, maxLength);
            items.add(text);
        }
        validation.check(items.size() <= maxItems, "/" + name, "must hold at most " + maxItems + " items");
        return Change.to(List.copyOf(items));
    }

    public void orThrow() {
        validation.orThrow();
    }

    private <T> Change<T> cleared(String name, boolean clearable) {
        if (!clearable) {
            validation.fail("/" + name, "cannot be cleared");
            return null;
        }
        return Change.to(null);
    }
}
