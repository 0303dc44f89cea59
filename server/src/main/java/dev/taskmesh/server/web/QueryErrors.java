package dev.taskmesh.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects what is wrong with a query string, so one 400 names every bad parameter instead of the first. Lists and
 * searches read their parameters through one of these.
 */
public final class QueryErrors {

    private final List<FieldError> errors = new ArrayList<>();

    /** Each value of a repeated parameter parsed; on the first that does not parse, the parameter is named. */
    public <T> List<T> each(String parameter, List<String> values, Function<String, T> parse, String detail) {
        List<T> parsed = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            try {
                parsed.add(parse.apply(value));
            } catch (IllegalArgumentException e) {
                add(parameter, detail);
                return List.of();
            }
        }
        return parsed;
    }

    public void add(String parameter, String detail) {
        errors.add(FieldError.query(parameter, detail));
    }

    public void addAll(List<FieldError> more) {
        errors.addAll(more);
    }

    /** @throws ProblemException validation-failed with {@code detail} and every error, if there is any */
    public void throwIfAny(String detail) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, detail, List.copyOf(errors));
        }
    }
}
