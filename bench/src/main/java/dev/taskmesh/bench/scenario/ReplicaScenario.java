package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.ClosedLoop;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.ServerSample;
import dev.taskmesh.bench.record.StepResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Read replicas: the same read load (search with the search scenario's query mix, and feeds, alternately, from a
 * fixed number of clients as fast as they are answered) and the same write load (task creates at a fixed rate) against
 * one primary alone, then against the primary with one streaming replica serving the reads. Both run on a pair of
 * the scenario's own (scripts/replica-pair.sh), seeded once by the import. On one machine the replica shares the
 * cores with the primary, the server and the load generator, so what it can show here is the shift of work off the
 * primary and what the routing costs, not the extra capacity a replica on its own machine brings.
 */
public final class ReplicaScenario implements Scenario {

    private static final String DATABASE = "taskmesh";
    private static final int READERS = 8;

    @Override
    public String name() {
        return "replicas";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        int tasks = context.size("TASKMESH_BENCH_TASKS", 100_000, 10_000);
        double writeRate = context.full() ? 100 : 50;
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tasks", tasks);
        summary.put("writesPerSecond", writeRate);
        summary.put("readers", READERS);
        ServerSample usage = null;
        try (ReplicaPairProcess pair = ReplicaPairProcess.start()) {
            try (Connection admin =
                            DriverManager.getConnection(pair.url(pair.primaryPort, "postgres"), "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            String primary = pair.url(pair.primaryPort, DATABASE);
            Map<String, String> env = context.infra().serverEnv(primary);
            env.put("TASKMESH_DATABASE_USER", "postgres");
            env.put("TASKMESH_DATABASE_PASSWORD", "");
            env.put("TASKMESH_JWT_KEY", ServerProcess.signingKey());
            String email = "replicas-" + started.getEpochSecond() + "@bench.taskmesh.dev";
            String password = "bench-password-" + started.getEpochSecond();
            var seeded = BulkSeed.run(
                    context,
                    env,
                    "replicas-import.log",
                    List.of(
                            "--tasks=" + tasks,
                            "--workspaces=" + Math.max(1, tasks / 1_000),
                            "--projects=2",
                            "--email=" + email,
                            "--password=" + password));
            summary.put("workspaces", seeded.path("workspaces").asInt());
            for (boolean withReplica : new boolean[] {false, true}) {
                Map<String, String> node = new LinkedHashMap<>(env);
                if (withReplica) {
                    node.put("TASKMESH_REPLICA_URLS", pair.url(pair.replicaPort, DATABASE));
                }
                usage = measure(context, node, primary, email, password, writeRate, withReplica, steps, summary);
            }
        }
        summary.put("server", usage);
        return result(context, started, steps, usage, summary);
    }

    private ServerSample measure(
            RunContext context,
            Map<String, String> env,
            String primary,
            String email,
            String password,
            double writeRate,
            boolean withReplica,
            List<StepResult> steps,
            Map<String, Object> summary)
            throws Exception {
        String setup = withReplica ? "primary + replica" : "primary alone";
        try (ServerProcess server = ServerProcess.start(
                context.serverJar(),
                env,
                context.outDir().resolve("replicas-" + (withReplica ? "replica" : "primary") + "-server.log"))) {
            Projections.awaitIdle(context.infra(), primary, Duration.ofMinutes(30));
            SearchScenario.QueryMix mix;
            try (Connection connection = DriverManager.getConnection(primary, "postgres", "")) {
                mix = SearchScenario.QueryMix.load(connection);
            }
            TaskMeshClient client = new TaskMeshClient(server.base());
            client.signIn(email, password);
            String workspace = mix.workspaces().getFirst();
            String project = client.get("/api/workspaces/" + workspace + "/projects")
                    .path("items")
                    .get(0)
                    .path("id")
                    .asString();
            Call read = index -> {
                if (index % 2 == 0) {
                    SearchScenario.Query query = mix.query(index);
                    return client.get("/api/workspaces/" + query.workspace() + "/search?q="
                                    + URLEncoder.encode(query.text(), StandardCharsets.UTF_8)
                                    + query.filter())
                            .has("items");
                }
                return client.get("/api/me/feed?workspace="
                                + mix.workspaces()
                                        .get((int) (index % mix.workspaces().size())))
                        .has("items");
            };
            Call write = index -> client.createTask(workspace, project, "Written under load " + index) != null;
            ClosedLoop.run(2, context.warmUp(), read);
            server.sampling(true);
            CompletableFuture<StepResult> writes = CompletableFuture.supplyAsync(() -> StepResult.of(
                    "create task, " + setup,
                    "open",
                    writeRate,
                    0,
                    context.step().toSeconds(),
                    OpenLoop.run(writeRate, context.step(), 512, write)));
            StepResult reads = StepResult.of(
                    "search and feed, " + setup,
                    "closed",
                    0,
                    READERS,
                    context.step().toSeconds(),
                    ClosedLoop.run(READERS, context.step(), index -> read.run(1_000_000 + index)));
            steps.add(reads);
            steps.add(writes.join());
            server.sampling(false);
            String key = withReplica ? "withReplica" : "primaryOnly";
            summary.put(key + "ReadsPerSecond", reads.throughput());
            summary.put(key + "ReadP99Ms", reads.latency().p99());
            summary.put(key + "WriteP99Ms", steps.getLast().latency().p99());
            if (withReplica) {
                summary.put("readsServedByReplica", count(server, "reason:replica"));
                summary.put("readsServedByPrimary", count(server, "source:primary"));
            }
            return server.usage();
        }
    }

    /** A count of the node's routed reads; a counter that never moved is absent, which is 0. */
    private static long count(ServerProcess server, String tag) throws Exception {
        double value = server.metric("taskmesh.replicas.reads", tag);
        return Double.isNaN(value) ? 0 : Math.round(value);
    }

    @Override
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        return """
                %s tasks in %s workspaces (seeded by the import into the scenario's own primary and streaming \
                replica, `scripts/replica-pair.sh`). %s clients read as fast as they are answered, alternating a \
                search (the search scenario's query mix) and a feed page, while tasks are created at %s/s; once \
                with the primary alone, once with `TASKMESH_REPLICA_URLS` naming the replica. Everything shares this \
                machine's two cores: the replica adds no CPU here, so these figures show the routing's cost and the \
                load moving off the primary, not the capacity a replica on its own machine adds.

                | | primary alone | primary + replica |
                | --- | --- | --- |
                | reads per second | %s | %s |
                | read p99 (ms) | %s | %s |
                | write p99 (ms) | %s | %s |

                With the replica, the node counted %s reads served by the replica and %s by the primary.

                %s

                %s""".formatted(
                        s.get("tasks"),
                        s.get("workspaces"),
                        s.get("readers"),
                        Math.round((Double) s.get("writesPerSecond")),
                        s.get("primaryOnlyReadsPerSecond"),
                        s.get("withReplicaReadsPerSecond"),
                        s.get("primaryOnlyReadP99Ms"),
                        s.get("withReplicaReadP99Ms"),
                        s.get("primaryOnlyWriteP99Ms"),
                        s.get("withReplicaWriteP99Ms"),
                        s.get("readsServedByReplica"),
                        s.get("readsServedByPrimary"),
                        Scenario.serverUsage(result.server()),
                        Tables.steps(result.steps()));
    }
}
