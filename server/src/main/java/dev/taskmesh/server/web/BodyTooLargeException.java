package dev.taskmesh.server.web;

import java.io.IOException;

/** Raised while reading a body that outgrows its limit; an IOException so that it travels through JSON parsers. */
public class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }

    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
