package dev.taskmesh.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a problem's {@code errors}: where the fault is (a JSON pointer into the body, a query parameter or a
 * header) and what is wrong with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String pointer, String parameter, String header, String detail) {

    public static FieldError body(String pointer, String detail) {
        return new FieldError(pointer, null, null, detail);
    }

    public static FieldError query(String parameter, String detail) {
        return new FieldError(null, parameter, null, detail);
    }

    public static FieldError header(String header, String detail) {
        return new FieldError(null, null, header, detail);
    }
}
