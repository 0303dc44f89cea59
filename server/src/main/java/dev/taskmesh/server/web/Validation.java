package dev.taskmesh.server.web;

import dev.taskmesh.api.workspace.WorkspaceRole;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of a request, then fails once with all of them: a client fixes a form in one round.
 * Lengths count code points, as people count characters, not UTF-16 units.
 */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    // deliberately loose: the only real check of an address is a mail that arrives
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public static Validation of() {
        return new Validation();
    }

    /** A required text of {@code min} to {@code max} code points, not blank. */
    public Validation text(String pointer, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return fail(pointer, "is required");
        }
        int length = value.codePointCount(0, value.length());
        return check(length >= min && length <= max, pointer, "must be " + min + " to " + max + " characters");
    }

    /** An optional text of at most {@code max} code points. */
    public Validation optionalText(String pointer, String value, int max) {
        return check(
                value == null || value.codePointCount(0, value.length()) <= max,
                pointer,
                "must be at most " + max + " characters");
    }

    public Validation matches(String pointer, String value, Pattern pattern, String detail) {
        if (value == null) {
            return fail(pointer, "is required");
        }
        return check(pattern.matcher(value).matches(), pointer, detail);
    }

    /** A required email address of at most 320 characters (RFC 5321's limit). */
    public Validation email(String pointer, String value) {
        return matches(pointer, value, EMAIL, "must be an email address")
                .check(value == null || value.length() <= 320, pointer, "is too long");
    }

    /** A required workspace role by its wire name. */
    public Validation role(String pointer, String value) {
        return parses(pointer, value, WorkspaceRole::fromWireName, "must be one of owner, admin, member, viewer");
    }

    /** A required value that {@code parse} accepts; parsers signal a bad value with IllegalArgumentException. */
    public Validation parses(String pointer, String value, Function<String, ?> parse, String detail) {
        try {
            parse.apply(value);
            return this;
        } catch (IllegalArgumentException e) {
            return fail(pointer, detail);
        }
    }

    /** Like {@link #parses} for an optional value: null passes. */
    public Validation parsesIfPresent(String pointer, String value, Function<String, ?> parse, String detail) {
        return value == null ? this : parses(pointer, value, parse, detail);
    }

    public Validation check(boolean valid, String pointer, String detail) {
        return valid ? this : fail(pointer, detail);
    }

    public Validation fail(String pointer, String detail) {
        errors.add(FieldError.body(pointer, detail));
        return this;
    }

    /** @throws ProblemException validation-failed listing every invalid field, if there is one */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw exception();
        }
    }

    /** The validation-failed problem listing the invalid fields, for a caller that throws it itself. */
    public ProblemException exception() {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
    }
}
