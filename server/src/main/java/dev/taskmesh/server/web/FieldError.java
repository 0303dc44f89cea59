package dev.taskmesh.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a problem's {@code errors}: a JSON pointer into the body, or the name of a query parameter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String pointer, String parameter, String detail) {

    public static FieldError body(String pointer, String detail) {
        return new FieldError(pointer, null, detail);
    }

    public static FieldError query(String parameter, String detail) {
        return new FieldError(null, parameter, detail);
    }
}
