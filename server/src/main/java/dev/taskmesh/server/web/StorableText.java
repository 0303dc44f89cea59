package dev.taskmesh.server.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string of every request body must be text: JSON can escape a NUL ({@code \u0000}) or half of a surrogate
 * pair ({@code \ud800}), which are no characters. PostgreSQL's text refuses NUL, so such a string would be accepted,
 * stored in an event, and then stop every projection that tries to write it. They are refused as they are read, with
 * a 400 naming the field ({@link ProblemHandler}).
 */
public final class StorableText {

    static final String DETAIL = "contains a NUL character or half of a surrogate pair, which are not text";

    private StorableText() {}

    /** The Jackson module that checks every string read from a request body. */
    public static SimpleModule module() {
        return new SimpleModule("storable-text").addDeserializer(String.class, new Checked());
    }

    /** Whether {@code text} holds only characters: no NUL, every surrogate in a pair. */
    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Jackson's own string reading, then the check. */
    private static final class Checked extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String value = super.deserialize(parser, context);
            if (value != null && !isStorable(value)) {
                throw InvalidFormatException.from(parser, DETAIL, value, String.class);
            }
            return value;
        }
    }
}
