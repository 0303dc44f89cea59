package dev.taskmesh.bench.infra;

import dev.taskmesh.bench.record.ServerSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TaskMesh server started from its jar as a separate process, as in production, with a random signing key (or the
 * one given as {@code TASKMESH_JWT_KEY}, so that several nodes accept each other's tokens). While it runs, its CPU
 * and resident memory are sampled from /proc and its heap from the actuator's metrics.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern FIRST_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+]+)");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final URI base;
    private final URI management;
    private final Path jar;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final List<double[]> samples = new ArrayList<>();
    private volatile long lastCpuTicks = -1;
    private long lastSampleNanos;
    private volatile boolean sampling;
    private boolean started;

    private ServerProcess(Process process, URI base, URI management, Path jar, Map<String, String> env) {
        this.process = process;
        this.base = base;
        this.management = management;
        this.jar = jar;
        this.env = env;
    }

    public static ServerProcess start(Path jar, Map<String, String> env, Path log) {
        return start(jar, env, log, BenchInfrastructure.freePort(), BenchInfrastructure.freePort());
    }

    /**
     * The same node started again after it died (see {@link #kill}): same jar, settings and ports, as a supervisor
     * restarts a crashed process behind a load balancer that still knows its address.
     */
    public ServerProcess restart(Path log) {
        return start(jar, env, log, base.getPort(), management.getPort());
    }

    private static ServerProcess start(Path jar, Map<String, String> given, Path log, int port, int managementPort) {
        // kept with the process, so that a restart signs with the key its clients' tokens were signed with
        Map<String, String> env = new java.util.HashMap<>(given);
        env.putIfAbsent("TASKMESH_JWT_KEY", signingKey());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        // JVM flags for the servers only (a GC to compare, a profiler), never for the harness or its generators
        String options = System.getenv().getOrDefault("TASKMESH_BENCH_SERVER_JVM_OPTIONS", "");
        command.addAll(Arrays.stream(options.trim().split("\\s+"))
                .filter(o -> !o.isEmpty())
                .toList());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("SPRING_PROFILES_ACTIVE", "bench");
        builder.environment().put("TASKMESH_ACCESS_TOKEN_TTL", "6h");
        // health, the heap figure and the stage timers are read from the actuator, on its own port
        builder.environment().put("TASKMESH_MANAGEMENT_PORT", Integer.toString(managementPort));
        try {
            Files.createDirectories(log.getParent());
            ServerProcess server = new ServerProcess(
                    builder.start(),
                    URI.create("http://127.0.0.1:" + port),
                    URI.create("http://127.0.0.1:" + managementPort),
                    jar,
                    Map.copyOf(env));
            // a node started on a machine already busy with its peer, the clients and the load takes minutes
            server.awaitHealthy(Duration.ofSeconds(240));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the server from " + jar, e);
        }
    }

    public URI base() {
        return base;
    }

    /** The server's actuator (health, metrics), on the management port. */
    public URI management() {
        return management;
    }

    /**
     * Samples every half second while on; {@link #usage()} summarises what was sampled. Scenarios turn it off during
     * steps that measure something else (a raw yardstick), so that the server's idle time does not dilute its CPU.
     */
    public void sampling(boolean on) {
        if (on && !started) {
            sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
            started = true;
        }
        sampling = on;
        lastCpuTicks = -1;
    }

    public synchronized ServerSample usage() {
        double cpuSum = 0;
        double cpuMax = 0;
        double rssMax = 0;
        double heapMax = 0;
        int cpuCount = 0;
        for (double[] s : samples) {
            if (s[0] >= 0) {
                cpuSum += s[0];
                cpuMax = Math.max(cpuMax, s[0]);
                cpuCount++;
            }
            rssMax = Math.max(rssMax, s[1]);
            heapMax = Math.max(heapMax, s[2]);
        }
        return new ServerSample(
                round(cpuCount == 0 ? 0 : cpuSum / cpuCount), round(cpuMax), round(rssMax), round(heapMax));
    }

    /** Kills the process at once (SIGKILL), as a crash or the OOM killer would: no shutdown hook runs. */
    public void kill() {
        sampler.shutdownNow();
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(management.resolve("/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // the server takes seconds to start; a quarter second between probes costs nothing
            sleep(250);
        }
        close();
        throw new IllegalStateException("The server did not become healthy within " + timeout);
    }

    private void sample() {
        if (!sampling) {
            return;
        }
        long pid = process.pid();
        try {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat"))
                    .split("\\) ")[1]
                    .split(" ");
            long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            long now = System.nanoTime();
            double cpu = -1;
            if (lastCpuTicks >= 0) {
                double seconds = (now - lastSampleNanos) / 1e9;
                cpu = (ticks - lastCpuTicks) / (double) CLOCK_TICKS_PER_SECOND / seconds * 100;
            }
            lastCpuTicks = ticks;
            lastSampleNanos = now;
            double rssMb = rssMb();
            double heapMb = heapMb();
            synchronized (this) {
                samples.add(new double[] {cpu, rssMb, heapMb});
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or /proc is not there: no sample
        }
    }

    private double heapMb() {
        try {
            double bytes = read("jvm.memory.used", "area:heap", Duration.ofSeconds(1));
            return Double.isNaN(bytes) ? 0 : bytes / (1024 * 1024);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * The value of one of the server's meters from its actuator (e.g. {@code taskmesh.replicas.reads} with tag
     * {@code reason:replica}, summed over its other tags), or NaN when it has none; percentiles: PrometheusText.
     */
    public double metric(String name, String tag) throws IOException, InterruptedException {
        return read(name, tag, Duration.ofSeconds(5));
    }

    private double read(String name, String tag, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                management.resolve("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag)))
                        .timeout(timeout)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher value = FIRST_VALUE.matcher(response.body());
        return response.statusCode() == 200 && value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }

    /** The server's heap in use right after a full collection, and its resident memory, in MB. */
    public record Memory(double heapMb, double rssMb) {}

    /**
     * Collects garbage in the server ({@code jcmd GC.run}, from the harness's own JDK) and then reads its heap and
     * resident memory: what it holds, not what it has yet to collect.
     */
    public Memory memoryAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run", ProcessBuilder.Redirect.DISCARD, Duration.ofSeconds(60));
        return new Memory(round(heapMb()), round(rssMb()));
    }

    /**
     * The server's live objects by class, largest first ({@code jcmd GC.class_histogram}, which collects first), into
     * {@code file}: what a soak check that failed looks at.
     */
    public void classHistogram(Path file) throws IOException, InterruptedException {
        jcmd("GC.class_histogram", ProcessBuilder.Redirect.to(file.toFile()), Duration.ofSeconds(120));
    }

    /** Runs a diagnostic command in the server through {@code jcmd} of the harness's own JDK. */
    private void jcmd(String command, ProcessBuilder.Redirect output, Duration timeout)
            throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(process.pid()), command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
        if (!jcmd.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + command + " did not succeed on the server");
        }
    }

    private double rssMb() throws IOException {
        return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToDouble(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0)
                .findFirst()
                .orElse(0);
    }

    /** A fresh random signing key, for scenarios that start several nodes with the same one. */
    public static String signingKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
