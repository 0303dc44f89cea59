package dev.taskmesh.bench.ws;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parent's handle on a {@link GeneratorMain} child JVM: it writes the child's commands to its stdin and reads its
 * answers from its stdout (the protocol is described on {@link GeneratorMain}); the child's stderr goes to a log.
 * Connections live in children so that one process never holds more than {@link WsFleet#MAX_CONNECTIONS} sockets,
 * and so that receiving frames does not compete with sending writes for the scenario's threads.
 */
public final class GeneratorProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String END = "\u0000end";

    private final Process process;
    private final BufferedWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;

    private GeneratorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("generator-" + process.pid()).start(this::readAnswers);
    }

    /** Starts a child JVM from the jar (or class path) this program runs from and hands it its connections. */
    public static GeneratorProcess start(GeneratorConfig config, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command())
                    .redirectError(Redirect.appendTo(log.toFile()))
                    .start();
            GeneratorProcess generator = new GeneratorProcess(process, log);
            generator.send(JSON.writeValueAsString(config));
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a generator process", e);
        }
    }

    /**
     * The child's command line. bench.sh runs this program as a Spring Boot executable jar, whose classes and
     * dependencies are nested in BOOT-INF/: only Spring Boot's launcher can load them, and PropertiesLauncher (unlike
     * the manifest's JarLauncher) takes the main class to start from {@code -Dloader.main}. Started from a plain class
     * path (an IDE), the child gets that class path.
     */
    static List<String> command() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        // a few hundred kilobytes per connection at most; the frames themselves are garbage at once
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:+UseG1GC", "-cp", classPath));
        if (isSpringBootJar(classPath)) {
            command.add("-Dloader.main=" + GeneratorMain.class.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(GeneratorMain.class.getName());
        }
        return command;
    }

    private static boolean isSpringBootJar(String classPath) throws IOException {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            String main = jar.getManifest() == null
                    ? null
                    : jar.getManifest().getMainAttributes().getValue("Main-Class");
            return main != null && main.startsWith("org.springframework.boot.loader.");
        }
    }

    /** Waits until all of the child's connections are subscribed or have failed. */
    public FleetStatus awaitReady(Duration timeout) throws InterruptedException {
        return JSON.readValue(await("ready", timeout), FleetStatus.class);
    }

    /** Tells the child a measured write's send and response times, epoch microseconds. */
    public synchronized void written(String requestId, long sentMicros, long answeredMicros) {
        send("t " + requestId + " " + sentMicros + " " + answeredMicros);
    }

    /** Event frames the child's connections have received so far. */
    public long events(Duration timeout) throws InterruptedException {
        synchronized (this) {
            send("probe");
        }
        return Long.parseLong(await("events", timeout));
    }

    /**
     * Hands the child the expected frame counts per stream: it waits up to {@code drain} for the last frames, then
     * reports (see {@link #result}). Separate from waiting for the report, so that all children drain at once.
     */
    public synchronized void finish(Map<String, Long> expected, Duration drain) {
        expected.forEach((stream, count) -> send("expect " + stream + " " + count));
        send("finish " + drain.toMillis());
    }

    /**
     * Starts a reconnect storm in the child: every client reconnects to node {@code url} with {@code since}, and is
     * caught up once it has the {@code expected} frames of its stream (see {@link #stormResult}). Separate from
     * waiting for the report, so that all children storm at once.
     */
    public synchronized void storm(int url, Map<String, Long> expected, Duration patience) {
        expected.forEach((stream, count) -> send("expect " + stream + " " + count));
        send("reconnect " + url + " " + patience.toMillis());
    }

    /** From now on the child's clients reconnect by themselves, with {@code since}, whenever their sockets go. */
    public synchronized void follow() {
        send("follow");
    }

    /**
     * Hands the child the streams' heads once every write is relayed: its clients have until {@code patience} to
     * reach them (see {@link #followResult}). Separate from waiting for the report, so that all children settle at once.
     */
    public synchronized void settle(Map<String, Long> heads, Duration patience) {
        heads.forEach((stream, head) -> send("expect " + stream + " " + head));
        send("settle " + patience.toMillis());
    }

    public FollowReport followResult(Duration timeout) throws InterruptedException {
        return JSON.readValue(await("followed", timeout), FollowReport.class);
    }

    public StormReport stormResult(Duration timeout) throws InterruptedException {
        return JSON.readValue(await("storm", timeout), StormReport.class);
    }

    public GeneratorReport result(Duration timeout) throws InterruptedException {
        return JSON.readValue(await("result", timeout), GeneratorReport.class);
    }

    @Override
    public void close() {
        try {
            commands.close();
        } catch (IOException e) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void send(String line) {
        try {
            commands.write(line);
            commands.newLine();
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("generator " + process.pid() + " does not listen; see " + log, e);
        }
    }

    private String await(String kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException(
                        "generator " + process.pid() + " sent no '" + kind + "' within " + timeout + "; see " + log);
            }
            if (line.equals(END)) {
                answers.add(END);
                throw new IllegalStateException(
                        "generator " + process.pid() + " ended before '" + kind + "'; see " + log);
            }
            if (line.startsWith(kind + " ")) {
                return line.substring(kind.length() + 1);
            }
        }
    }

    private void readAnswers() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the child ended; END below tells whoever waits
        }
        answers.add(END);
    }
}
