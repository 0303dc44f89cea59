package dev.taskmesh.server.web;

import java.util.List;

/** Ends a request with a problem of the catalogue; thrown by web code that already knows the answer. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    /** A 400 naming one invalid query parameter. */
    public static ProblemException invalidQuery(String parameter, String detail) {
        return new ProblemException(
                ProblemType.VALIDATION_FAILED,
                "Invalid " + parameter + ".",
                List.of(FieldError.query(parameter, detail)));
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
