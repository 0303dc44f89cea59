package dev.taskmesh.bench.ws;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a server frame the load client looks at. Parsed with Jackson's streaming parser, which skips the
 * event's {@code data} without building it: thousands of frames a second go through here.
 *
 * @param position the frame's stream position, -1 when it has none
 */
record Frame(
        String type,
        String ref,
        String stream,
        long position,
        String eventType,
        String correlationId,
        String code,
        String message) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @throws tools.jackson.core.JacksonException when the text is not a JSON object */
    static Frame parse(String text) {
        String type = null;
        String ref = null;
        String stream = null;
        long position = -1;
        String eventType = null;
        String correlationId = null;
        String code = null;
        String message = null;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + text);
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = string(parser, value);
                    case "ref" -> ref = string(parser, value);
                    case "stream" -> stream = string(parser, value);
                    case "position" -> position = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                    case "eventType" -> eventType = string(parser, value);
                    case "correlationId" -> correlationId = string(parser, value);
                    case "code" -> code = string(parser, value);
                    case "message" -> message = string(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }
        return new Frame(type, ref, stream, position, eventType, correlationId, code, message);
    }

    private static String string(JsonParser parser, JsonToken value) {
        if (value.isScalarValue()) {
            return parser.getValueAsString();
        }
        parser.skipChildren();
        return null;
    }
}
