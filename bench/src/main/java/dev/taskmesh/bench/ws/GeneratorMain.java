package dev.taskmesh.bench.ws;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generator process: the connections of a {@link GeneratorConfig}, driven by its parent over stdin and stdout, one
 * line per message. It reads the config (JSON) and answers {@code ready <FleetStatus>}; then it reads
 * {@code t <requestId> <sentMicros> <answeredMicros>} for each measured write, {@code probe} (answered with
 * {@code events <n>}), {@code expect <stream> <count>} for each stream, {@code reconnect <url> <patienceMillis>} (a reconnect
 * storm towards node number {@code url}, answered with {@code storm <StormReport>} once every client caught up with the
 * counts expected), {@code follow} (from then on every client reconnects by itself whenever its socket goes),
 * {@code settle <patienceMillis>} (the expected counts are the streams' heads: answered with
 * {@code followed <FollowReport>} once every client reached its head), and {@code finish <drainMillis>}, answered with {@code result <GeneratorReport>}, after which it
 * exits. Diagnostics go to stderr; stdout carries only answers.
 */
public final class GeneratorMain {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GeneratorMain() {}

    public static void main(String[] args) throws Exception {
        run();
        // the HTTP clients' threads must not keep a finished generator alive
        System.exit(0);
    }

    private static void run() throws Exception {
        // stdout is the channel to the parent: nothing else may write to it
        PrintStream answers = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = commands.readLine();
        if (first == null) {
            return;
        }
        GeneratorConfig config = JSON.readValue(first, GeneratorConfig.class);
        try (WsFleet fleet = new WsFleet(config)) {
            answer(answers, "ready " + JSON.writeValueAsString(fleet.open()));
            Map<String, Long> expected = new HashMap<>();
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] word = line.split(" ");
                switch (word[0]) {
                    case "t" -> fleet.timings().written(word[1], Long.parseLong(word[2]), Long.parseLong(word[3]));
                    case "probe" -> answer(answers, "events " + fleet.events());
                    case "expect" -> expected.put(word[1], Long.parseLong(word[2]));
                    case "reconnect" -> {
                        StormReport report = fleet.reconnect(
                                Integer.parseInt(word[1]), expected, Duration.ofMillis(Long.parseLong(word[2])));
                        answer(answers, "storm " + JSON.writeValueAsString(report));
                    }
                    case "follow" -> fleet.follow();
                    case "settle" -> {
                        FollowReport report = fleet.settle(expected, Duration.ofMillis(Long.parseLong(word[1])));
                        answer(answers, "followed " + JSON.writeValueAsString(report));
                    }
                    case "finish" -> {
                        GeneratorReport report = fleet.finish(expected, Duration.ofMillis(Long.parseLong(word[1])));
                        answer(answers, "result " + JSON.writeValueAsString(report));
                        return;
                    }
                    default -> System.err.println("unknown command: " + line);
                }
            }
            // stdin closed without a finish: the parent is gone, and so is the reason to run
        } finally {
            answers.flush();
        }
    }

    private static void answer(PrintStream answers, String line) {
        answers.println(line);
        answers.flush();
    }
}
