package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Random and mutated client frames against a live node: every one is answered or ignored as the protocol says, the
 * fuzzing connection itself keeps being served, others are served throughout, and nothing a client sent shows up as
 * an error in the server's log. The rate limit is lifted: this is about the parser, not the limits.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {"taskmesh.realtime.frames-per-second=1000000", "taskmesh.realtime.frame-burst=1000000"})
class FrameFuzzIT extends IntegrationTest {

    private static final long SEED = 20261128L;
    private static final int FRAMES = 3_000;
    private static final List<String> TYPES =
            List.of("subscribe", "unsubscribe", "ping", "auth", "presence", "typing", "", "SUBSCRIBE", "event");

    @Autowired
    JdbcClient jdbc;

    @Test
    void randomAndMutatedFramesNeverStopTheNodeServingAnyone(CapturedOutput output) {
        Board board = Board.create(api, jdbc, "Fuzz");
        Random random = new Random(SEED);
        try (StreamClient fuzzer =
                        StreamClient.connect(api.base(), board.owner().accessToken());
                StreamClient bystander =
                        StreamClient.connect(api.base(), board.owner().accessToken())) {
            long head = bystander.subscribe(board.stream(), null);
            String[] valid = {
                "{\"type\":\"subscribe\",\"stream\":\"" + board.stream() + "\",\"since\":0,\"ref\":\"a\"}",
                "{\"type\":\"typing\",\"stream\":\"task:" + UUID.randomUUID() + "\"}",
                "{\"type\":\"presence\",\"stream\":\"" + board.stream() + "\",\"ref\":7}",
                "{\"type\":\"unsubscribe\",\"stream\":\"" + board.stream() + "\"}",
                "{\"type\":\"auth\",\"token\":\"x.y.z\"}",
                "{\"type\":\"ping\",\"ref\":\"p\"}"
            };
            for (int i = 0; i < FRAMES; i++) {
                String frame = switch (random.nextInt(4)) {
                    case 0 -> mutate(valid[random.nextInt(valid.length)], random);
                    case 1 -> randomFrame(random, board.stream());
                    case 2 -> randomText(random, 1 + random.nextInt(200));
                    default -> nested(random);
                };
                fuzzer.sendRaw(wellFormed(frame));
            }

            fuzzer.reply(fuzzer.send(Map.of("type", "ping")), "pong");
            assertThat(fuzzer.isClosed()).isFalse();
            expect(api.createTask(board.owner(), board.workspace(), board.project(), "After the fuzz"), 201);
            assertThat(bystander
                            .awaitEvents(board.stream(), 1)
                            .getFirst()
                            .path("position")
                            .asLong())
                    .isEqualTo(head + 1);
        }
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("Exception");
    }

    /** A frame shaped like the protocol's, with fields of every wrong kind. */
    private static String randomFrame(Random random, String stream) {
        Object[] values = {
            null,
            -1,
            Long.MAX_VALUE,
            "9".repeat(40),
            1.5,
            true,
            "",
            stream,
            "workspace:" + UUID.randomUUID(),
            "task:not-a-uuid",
            "user:" + UUID.randomUUID(),
            List.of(1, 2),
            Map.of("a", "b"),
            "x".repeat(100)
        };
        StringBuilder json = new StringBuilder("{\"type\":").append(quote(TYPES.get(random.nextInt(TYPES.size()))));
        for (String field : List.of("stream", "since", "ref", "token")) {
            if (random.nextBoolean()) {
                json.append(",\"").append(field).append("\":").append(literal(values[random.nextInt(values.length)]));
            }
        }
        return json.append('}').toString();
    }

    private static String literal(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> quote(text);
            case List<?> list -> list.toString().replace(" ", "");
            case Map<?, ?> map -> "{\"a\":\"b\"}";
            default -> value.toString();
        };
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** One to three edits: a character dropped, inserted or replaced, a cut, a doubled stretch. */
    private static String mutate(String frame, Random random) {
        StringBuilder text = new StringBuilder(frame);
        for (int edits = 1 + random.nextInt(3); edits > 0 && !text.isEmpty(); edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, randomText(random, 1));
                case 2 -> text.replace(at, at + 1, randomText(random, 1));
                case 3 -> text.setLength(at);
                default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 1 + random.nextInt(20))));
            }
        }
        return text.isEmpty() ? " " : text.toString();
    }

    /** Any code points but lone surrogates (which no UTF-8 text frame can carry), controls and NUL included. */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10FFFF);
            if (codePoint < 0xD800 || codePoint > 0xDFFF) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** Without lone surrogates, which an edit can leave by cutting a pair: no UTF-8 text frame can carry them. */
    private static String wellFormed(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints()
                .filter(codePoint -> codePoint < 0xD800 || codePoint > 0xDFFF)
                .forEach(kept::appendCodePoint);
        return kept.isEmpty() ? " " : kept.toString();
    }

    /** Nesting past any parser's patience. */
    private static String nested(Random random) {
        int depth = 500 + random.nextInt(2_000); // under the 16 KB frame limit
        return random.nextBoolean() ? "[".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }
}
