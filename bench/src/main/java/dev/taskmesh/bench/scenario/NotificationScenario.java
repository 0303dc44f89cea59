package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.infra.OwnRedis;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.ServerSample;
import dev.taskmesh.bench.record.StepResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notification delivery under faults. Task assignments (each one in-app notification and one email for the assignee)
 * at a steady rate, first without faults (in-app delivery time, target p99 ≤ 100 ms), then while the SMTP server
 * refuses connections for a while, Redis is stopped and restarted, and the server process is killed with SIGKILL and
 * started again. Then it waits for the queues to drain and counts, against the assignments the event store holds:
 * every expected in-app notification present exactly once, every expected email received at least once, by delivery
 * id. Redis and SMTP are the scenario's own, on free ports; PostgreSQL is the harness's.
 */
public final class NotificationScenario implements Scenario {

    private static final int MEMBERS = 20;
    private static final int TASKS = 100;
    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        BenchInfrastructure infra = context.infra();
        String database = "bench_notify_" + started.getEpochSecond();
        String url = infra.createDatabase(database);
        double rate = context.full() ? 100 : 50;
        Duration faultPhase = context.full() ? Duration.ofSeconds(60) : Duration.ofSeconds(30);
        OwnRedis redis = OwnRedis.start();
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        List<String> timeline = new ArrayList<>();
        Map<String, String> env = infra.serverEnv(url);
        // its own Redis, so stopping it touches nobody else; its own SMTP server (port below)
        env.put("TASKMESH_REDIS_URL", redis.url());
        env.put("TASKMESH_JWT_KEY", ServerProcess.signingKey());
        env.put("TASKMESH_NOTIFICATIONS_EMAIL_ENABLED", "true");
        env.put("TASKMESH_SMTP_HOST", "127.0.0.1");
        env.put("TASKMESH_SMTP_STARTTLS", "false");
        env.put("TASKMESH_NOTIFICATIONS_FIRST_RETRY", "500ms");
        env.put("TASKMESH_NOTIFICATIONS_MAX_RETRY_DELAY", "5s");
        env.put("TASKMESH_NOTIFICATIONS_MAX_ATTEMPTS", "30");
        AtomicReference<ServerProcess> server = new AtomicReference<>();
        try (OwnSmtp smtp = new OwnSmtp(BenchInfrastructure.freePort())) {
            env.put("TASKMESH_SMTP_PORT", Integer.toString(smtp.port()));
            server.set(ServerProcess.start(
                    context.serverJar(), env, context.outDir().resolve("notify-server-1.log")));
            Board board = Board.create(server.get());
            AtomicReference<TaskMeshClient> owner = new AtomicReference<>(board.owner());
            Call assign = index -> {
                int task = (int) (index % TASKS);
                int round = (int) (index / TASKS);
                String assignee = board.members().get((task + round + 1) % MEMBERS);
                return owner.get().assign(board.workspace(), board.tasks().get(task), assignee) != null;
            };
            OpenLoop.run(rate, context.warmUp().dividedBy(3), 256, assign);
            Projections.awaitIdle(infra, url);

            Instant cleanFrom = Instant.now();
            server.get().sampling(true);
            steps.add(StepResult.of(
                    "assign (no faults)",
                    "open",
                    rate,
                    0,
                    context.step().toSeconds(),
                    OpenLoop.run(rate, context.step(), 256, assign)));
            server.get().sampling(false);
            ServerSample usage = server.get().usage();
            Projections.awaitIdle(infra, url);
            summary.put("inApp", pushDelays(infra, url, cleanFrom, Instant.now()));

            long offset = Math.round(rate
                    * (context.warmUp().toMillis() / 3000.0 + context.step().toSeconds()));
            Call faulted = index -> assign.run(offset + index);
            CompletableFuture<LatencyRecorder.Snapshot> writes =
                    CompletableFuture.supplyAsync(() -> OpenLoop.run(rate / 2, faultPhase, 256, faulted));
            long phase = faultPhase.toMillis();
            pause(phase / 15);
            smtp.refuse();
            timeline.add("SMTP refusing");
            pause(phase * 3 / 15);
            smtp.accept();
            timeline.add("SMTP accepting");
            pause(phase / 15);
            redis.stop();
            timeline.add("Redis stopped");
            pause(phase * 2 / 15);
            redis.startServer();
            timeline.add("Redis started");
            pause(phase / 15);
            server.get().kill();
            timeline.add("server killed (SIGKILL)");
            server.set(ServerProcess.start(
                    context.serverJar(), env, context.outDir().resolve("notify-server-2.log")));
            owner.set(owner.get().at(server.get().base()));
            timeline.add("server restarted");
            steps.add(StepResult.of(
                    "assign (SMTP refusing, Redis down, SIGKILL)",
                    "open",
                    rate / 2,
                    0,
                    faultPhase.toSeconds(),
                    writes.join()));

            Projections.awaitIdle(infra, url, DRAIN);
            boolean drained = awaitDeliveries(infra, url, DRAIN);
            Map<String, Object> counts = count(infra, url, smtp.deliveryIds());
            counts.put("queueDrained", drained);
            summary.put("counts", counts);
            summary.put("faults", timeline);
            summary.put("server", usage);
            return result(context, started, steps, usage, summary);
        } finally {
            if (server.get() != null) {
                server.get().close();
            }
            redis.close();
            infra.dropDatabase(database);
        }
    }

    /**
     * In-app delivery time of the notifications of events in [from, to): from the event's timestamp until its
     * notification frame was stored on the owner's stream (in the inbox transaction, just before it commits and is
     * published), read from the replay log itself, so the figure covers exactly that window.
     */
    private static Map<String, Object> pushDelays(BenchInfrastructure infra, String url, Instant from, Instant to)
            throws Exception {
        List<Double> delays = new ArrayList<>();
        try (Connection db = infra.connect(url);
                java.sql.PreparedStatement query = db.prepareStatement("""
                        SELECT EXTRACT(EPOCH FROM (stored_at - (frame::jsonb -> 'data' ->> 'createdAt')::timestamptz))
                        FROM stream_frame
                        WHERE frame LIKE '{"type":"notification"%'
                          AND (frame::jsonb -> 'data' ->> 'createdAt')::timestamptz >= ?
                          AND (frame::jsonb -> 'data' ->> 'createdAt')::timestamptz < ?
                        """)) {
            query.setTimestamp(1, java.sql.Timestamp.from(from));
            query.setTimestamp(2, java.sql.Timestamp.from(to));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    delays.add(rs.getDouble(1) * 1000);
                }
            }
        }
        delays.sort(Double::compare);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", delays.size());
        summary.put("p50Ms", quantile(delays, 0.5));
        summary.put("p99Ms", quantile(delays, 0.99));
        summary.put("maxMs", delays.isEmpty() ? null : Math.round(delays.getLast() * 100) / 100.0);
        return summary;
    }

    private static Double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        double value = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
        return Math.round(value * 100) / 100.0;
    }

    /** Waits until no email delivery is queued any more; false if some still were after {@code patience}. */
    private static boolean awaitDeliveries(BenchInfrastructure infra, String url, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        try (Connection db = infra.connect(url)) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = db.createStatement()
                        .executeQuery(
                                "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'notification-delivery'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return true;
                    }
                }
                // a status probe of the queue while it drains
                Thread.sleep(500);
            }
        }
        return false;
    }

    /**
     * Expected: one notification and one email per assignment and per member added that the event store holds (the
     * owner never assigns or adds themselves; both kinds mail by default). Ids follow the documented derivations:
     * notification = name-based UUID of "eventId/recipient",
     * delivery = name-based UUID of "delivery/email/notificationId".
     */
    private static Map<String, Object> count(BenchInfrastructure infra, String url, List<String> receivedEmails)
            throws Exception {
        Set<String> expectedNotifications = new HashSet<>();
        Set<String> expectedEmails = new HashSet<>();
        Map<String, Integer> inApp = new HashMap<>();
        long deadLetters;
        try (Connection db = infra.connect(url)) {
            try (ResultSet rs = db.createStatement().executeQuery("""
                    SELECT event_identifier, payload_type, convert_from(payload, 'UTF8') FROM domain_event_entry
                    WHERE payload_type LIKE '%.TaskAssignedEvent' OR payload_type LIKE '%.MemberAddedEvent'
                    """)) {
                while (rs.next()) {
                    JsonNode payload = JSON.readTree(rs.getString(3));
                    String recipient = rs.getString(2).endsWith("TaskAssignedEvent")
                            ? payload.path("assigneeId").asString()
                            : payload.path("userId").asString();
                    String notification = uuid(rs.getString(1) + "/" + recipient);
                    expectedNotifications.add(notification);
                    expectedEmails.add(uuid("delivery/email/" + notification));
                }
            }
            try (ResultSet rs = db.createStatement().executeQuery("""
                    SELECT event_id || '/' || user_id, count(*) FROM notification
                    WHERE kind IN ('assigned', 'member-added') GROUP BY 1
                    """)) {
                while (rs.next()) {
                    inApp.put(uuid(rs.getString(1)), rs.getInt(2));
                }
            }
            try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM delivery_dead_letter")) {
                rs.next();
                deadLetters = rs.getLong(1);
            }
        }
        Map<String, Integer> emails = new HashMap<>();
        receivedEmails.forEach(id -> emails.merge(id, 1, Integer::sum));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("inApp", tally(expectedNotifications, inApp));
        counts.put("email", tally(expectedEmails, emails));
        counts.put("deadLetters", deadLetters);
        return counts;
    }

    private static Map<String, Object> tally(Set<String> expected, Map<String, Integer> received) {
        long delivered = expected.stream().filter(received::containsKey).count();
        long duplicated = expected.stream()
                .mapToLong(id -> Math.max(0, received.getOrDefault(id, 0) - 1))
                .sum();
        long unexpected =
                received.keySet().stream().filter(id -> !expected.contains(id)).count();
        Map<String, Object> tally = new LinkedHashMap<>();
        tally.put("expected", expected.size());
        tally.put("delivered", delivered);
        tally.put("duplicated", duplicated);
        tally.put("missing", expected.size() - delivered);
        tally.put("unexpected", unexpected);
        return tally;
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void pause(long millis) throws InterruptedException {
        // the fault timeline: each fault lasts a fixed share of the phase
        Thread.sleep(millis);
    }

    /** An owner, {@value #MEMBERS} members and {@value #TASKS} tasks to assign among them. */
    private record Board(TaskMeshClient owner, String workspace, List<String> members, List<String> tasks) {

        static Board create(ServerProcess server) throws Exception {
            String run = Long.toString(System.currentTimeMillis(), 36);
            TaskMeshClient owner = new TaskMeshClient(server.base());
            owner.signUp("notifyowner" + run);
            String workspace = owner.createWorkspace("Notified");
            String project = owner.createProject(workspace, "Work");
            List<String> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                TaskMeshClient member = new TaskMeshClient(server.base());
                member.signUp("notify" + run + "m" + i);
                owner.addMember(workspace, member.userId(), "member");
                members.add(member.userId());
            }
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                tasks.add(owner.createTask(workspace, project, "Task " + i).id());
            }
            return new Board(owner, workspace, members, tasks);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        Map<String, Object> counts = (Map<String, Object>) s.get("counts");
        return """
                Task assignments, each one in-app notification and one email for the assignee (%d members; adding \
                them made one of each too, counted alike). First \
                without faults; then at half the rate while the faults run in turn: %s. Then the queues drain \
                (drained: %s) and everything is counted against the assignments in the event store. Target: every \
                expected in-app notification present exactly once, every expected email received at least once \
                (by delivery id), in-app p99 ≤ 100 ms without faults.

                | channel | expected | delivered | duplicated | missing | unexpected |
                | --- | --- | --- | --- | --- | --- |
                %s
                %s

                Dead letters: %s.

                In-app delivery without faults (event → notification frame stored on the owner's stream, from the \
                replay log): %s notifications, p50 %s ms, p99 %s ms, max %s ms.

                %s

                %s""".formatted(
                        MEMBERS,
                        String.join(" → ", (List<String>) s.get("faults")),
                        counts.get("queueDrained"),
                        row("in-app", (Map<String, Object>) counts.get("inApp")),
                        row("email", (Map<String, Object>) counts.get("email")),
                        counts.get("deadLetters"),
                        ((Map<String, Object>) s.get("inApp")).get("count"),
                        ((Map<String, Object>) s.get("inApp")).get("p50Ms"),
                        ((Map<String, Object>) s.get("inApp")).get("p99Ms"),
                        ((Map<String, Object>) s.get("inApp")).get("maxMs"),
                        Scenario.serverUsage(result.server()),
                        Tables.steps(result.steps()));
    }

    private static String row(String channel, Map<String, Object> tally) {
        return "| %s | %s | %s | %s | %s | %s |"
                .formatted(
                        channel,
                        tally.get("expected"),
                        tally.get("delivered"),
                        tally.get("duplicated"),
                        tally.get("missing"),
                        tally.get("unexpected"));
    }
}
