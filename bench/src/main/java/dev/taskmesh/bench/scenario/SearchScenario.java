package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.infra.OwnPostgres;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.JitWarmUp;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.Latency;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Recorder;

/**
 * Search at scale: tasks seeded by the server's import across many workspaces (1,000,000 in 1,000 in full mode),
 * titles and descriptions from a project tracker's vocabulary with a Zipf-like skew, then a realistic query mix at a
 * fixed rate, each query in a random workspace of the seeded ones. The mix draws its words from the seeded
 * workspaces' own word counts: one word (40 %), two words (20 %), a word being typed (15 %), a phrase (10 %), one
 * word with a status filter (5 %), a word without another (5 %) and a misspelling that finds nothing and asks for
 * "did you mean" (5 %). The server times each search's SQL statements itself and says so in a {@code Server-Timing}
 * header, so the API's share is each request's time minus its statements' ({@link ServerShare}). Targets (search
 * issue): p50 ≤ 5 ms, p99 ≤ 30 ms, the API adding at most 2 ms at p50.
 */
public final class SearchScenario implements Scenario {

    static final double P50_TARGET_MS = 5;
    static final double P99_TARGET_MS = 30;
    private static final double RATE = 100;
    private static final String KEPT_CLUSTER = "TASKMESH_BENCH_SEARCH_CLUSTER";

    /**
     * The scenario's own PostgreSQL, set as a database server for a million tasks is set (docs/operations.md#postgresql)
     * rather than as the machine's shared one for tests (128 MB of shared buffers): the searches' working set, the
     * search table and its indexes (some 820 MB), is held in shared buffers instead of being copied in from the page
     * cache page by page.
     */
    static final List<String> POSTGRES = List.of(
            "max_connections = 200",
            "shared_buffers = 2GB",
            "effective_cache_size = 8GB",
            "maintenance_work_mem = 512MB",
            "max_wal_size = 8GB",
            "random_page_cost = 1.1");

    @Override
    public String name() {
        return "search";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        Path keptCluster = keptCluster();
        int tasks = context.size("TASKMESH_BENCH_TASKS", 1_000_000, 20_000);
        try (OwnPostgres postgres =
                keptCluster != null ? OwnPostgres.startKept(keptCluster, POSTGRES) : OwnPostgres.start(POSTGRES)) {
            BenchInfrastructure infra = BenchInfrastructure.on(
                    postgres.adminUrl(), "postgres", "", context.infra().redisUrl());
            return run(context, infra, keptCluster != null, tasks, started);
        }
    }

    private ScenarioResult run(RunContext context, BenchInfrastructure infra, boolean kept, int tasks, Instant started)
            throws Exception {
        String database = kept ? "bench_search_kept" : "bench_search";
        // a thousand tasks per workspace whatever the size: the density the targets are stated for
        int workspaces = Math.max(1, tasks / 1_000);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        String email = "search-" + database + "@bench.taskmesh.dev";
        String password = "bench-password-" + database;
        Seed seed = kept ? Seed.recorded(infra, infra.databaseUrl(database), tasks) : null;
        summary.put("seedReused", seed != null);
        // anew unless kept and seeded: a kept database without a recorded seed holds what an interrupted one left
        String url = seed != null ? infra.databaseUrl(database) : infra.createDatabase(database);
        Map<String, String> env = infra.serverEnv(url);
        env.put("TASKMESH_JWT_KEY", ServerProcess.signingKey());
        if (seed == null) {
            var seeded = BulkSeed.run(
                    context,
                    env,
                    "search-import.log",
                    List.of(
                            "--tasks=" + tasks,
                            "--workspaces=" + workspaces,
                            "--projects=2",
                            "--email=" + email,
                            "--password=" + password));
            seed = new Seed(seeded.path("tasksPerSecond").asDouble(), -1);
        }
        summary.put("tasks", tasks);
        summary.put("workspaces", workspaces);
        summary.put("seedTasksPerSecond", seed.tasksPerSecond());
        try (ServerProcess server =
                ServerProcess.start(context.serverJar(), env, context.outDir().resolve("search-server.log"))) {
            Instant projecting = Instant.now();
            Projections.awaitIdle(infra, url, context.full() ? Duration.ofHours(2) : Duration.ofMinutes(15));
            if (seed.projectedInSeconds() < 0) {
                seed = new Seed(
                        seed.tasksPerSecond(),
                        Duration.between(projecting, Instant.now()).toSeconds());
                if (kept) {
                    seed.record(infra, url, tasks);
                }
            }
            summary.put("projectedInSeconds", seed.projectedInSeconds());
            try (Connection connection = infra.connect(url);
                    Statement statement = connection.createStatement()) {
                // what autovacuum would do a while after such an import: planner statistics for the new rows
                statement.execute("ANALYZE search_task, search_word");
                // what a node that has been answering searches has in memory: the search tables and their indexes
                // in shared buffers (a cluster started for the run, or again, starts with none)
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
                statement.execute("SELECT pg_prewarm(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                        + " c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')"
                        + " AND (c.relname LIKE 'search\\_task%' OR c.relname LIKE 'search\\_word%')");
            }
            QueryMix mix = QueryMix.load(infra.connect(url));
            summary.put("searchTableMb", mix.tableMb());
            TaskMeshClient client = new TaskMeshClient(server.base());
            client.signIn(email, password);
            ServerShare share = new ServerShare();
            Call search = index -> {
                Query query = mix.query(index);
                TaskMeshClient.Timed page = client.getTimed(
                        "/api/workspaces/" + query.workspace() + "/search?q="
                                + URLEncoder.encode(query.text(), StandardCharsets.UTF_8)
                                + query.filter(),
                        "search");
                share.record(page.roundTripNanos(), page.serverMillis());
                // a page of hits, whatever it holds; a refusal has thrown already
                return page.body().startsWith("{") && page.body().contains("\"items\":[");
            };
            JitWarmUp.Outcome warmUp = JitWarmUp.run(
                    2,
                    context.warmUp(),
                    context.full() ? Duration.ofMinutes(5) : Duration.ofSeconds(30),
                    () -> server.metric("jvm.compilation.time", null),
                    search);
            summary.put("warmUpSeconds", warmUp.took().toSeconds());
            summary.put(
                    "warmUpCompileShare",
                    Double.isNaN(warmUp.lastShare()) ? null : Math.round(warmUp.lastShare() * 1000) / 1000.0);
            summary.put("warmUpSettled", warmUp.settled());
            // a minute in full mode: a p99 drawn from 6,000 requests rather than the usual step's 2,000 (20 requests
            // decided it, and runs of the same code disagreed by a factor of two)
            Duration measured = context.full() ? Duration.ofMinutes(1) : context.step();
            share.start();
            server.sampling(true);
            StepResult step = StepResult.of(
                    "search, query mix",
                    "open",
                    RATE,
                    0,
                    measured.toSeconds(),
                    OpenLoop.run(RATE, measured, 512, index -> search.run(1_000_000 + index)));
            server.sampling(false);
            steps.add(step);
            Latency statements = Latency.of(share.statements.getIntervalHistogram());
            Latency api = Latency.of(share.api.getIntervalHistogram());
            summary.put("p50ms", step.latency().p50());
            summary.put("p99ms", step.latency().p99());
            summary.put("sqlP50ms", statements.p50());
            summary.put("sqlP99ms", statements.p99());
            summary.put("apiShareP50ms", api.p50());
            summary.put("apiShareP99ms", api.p99());
            summary.put("server", server.usage());
            return result(context, started, steps, server.usage(), summary);
        }
    }

    /**
     * Each measured request split in two: the server's time for its search statements (its {@code Server-Timing}
     * header) and the rest of the round trip from the send to the whole answer received, which is the API's share
     * (HTTP, authentication, membership, JSON, and the client's own side of the socket). Per request, so the share's
     * percentiles are those of the requests themselves rather than a difference of two medians. Values in
     * microseconds.
     */
    private static final class ServerShare {

        private static final long MAX_MICROS = Duration.ofMinutes(2).toNanos() / 1_000;

        final Recorder statements = new Recorder(MAX_MICROS, 3);
        final Recorder api = new Recorder(MAX_MICROS, 3);
        private volatile boolean measuring;

        /** From now on; what came before (the warm-up) is dropped. */
        void start() {
            statements.reset();
            api.reset();
            measuring = true;
        }

        void record(long requestNanos, double serverMillis) {
            if (!measuring || Double.isNaN(serverMillis)) {
                return;
            }
            long server = Math.min(Math.round(serverMillis * 1_000), MAX_MICROS);
            statements.recordValue(server);
            api.recordValue(Math.clamp(requestNanos / 1_000 - server, 0, MAX_MICROS));
        }
    }

    /**
     * {@value #KEPT_CLUSTER} names a folder where the scenario keeps its PostgreSQL cluster: the first run makes and
     * seeds it, later runs search the same tasks again without a new seed (a million tasks take some twenty minutes
     * to seed), for a median of several runs. Unset, the cluster is made for the run and removed after it.
     */
    private static Path keptCluster() {
        String folder = System.getenv(KEPT_CLUSTER);
        return folder == null || folder.isBlank() ? null : Path.of(folder.trim());
    }

    /** How a kept database was seeded, recorded in it once its seed is projected; none while a seed is unfinished. */
    record Seed(double tasksPerSecond, long projectedInSeconds) {

        static Seed recorded(BenchInfrastructure infra, String url, int tasks) throws SQLException {
            try (Connection connection = infra.connect(url);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT tasks, tasks_per_second, projected_in_seconds FROM bench_seed")) {
                if (!rs.next()) {
                    return null;
                }
                if (rs.getInt(1) != tasks) {
                    throw new IllegalArgumentException("The kept database holds " + rs.getInt(1) + " tasks, not "
                            + tasks + ": ask for that many, or drop it to seed anew");
                }
                return new Seed(rs.getDouble(2), rs.getLong(3));
            } catch (SQLException e) {
                if ("3D000".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())) {
                    return null; // no database yet, or its seed never finished
                }
                throw e;
            }
        }

        void record(BenchInfrastructure infra, String url, int tasks) throws SQLException {
            try (Connection connection = infra.connect(url);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE bench_seed (tasks int, tasks_per_second float8,"
                        + " projected_in_seconds bigint)");
                statement.execute("INSERT INTO bench_seed VALUES (" + tasks + ", " + tasksPerSecond + ", "
                        + projectedInSeconds + ")");
            }
        }
    }

    record Query(String workspace, String text, String filter) {}

    /** The seeded workspaces and their words by frequency, and the query of each request index. */
    record QueryMix(List<String> workspaces, List<String> words, long[] cumulative, double tableMb) {

        static QueryMix load(Connection connection) throws SQLException {
            try (connection;
                    Statement statement = connection.createStatement()) {
                List<String> workspaces = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT DISTINCT workspace_id FROM search_task")) {
                    while (rs.next()) {
                        workspaces.add(rs.getString(1));
                    }
                }
                List<String> words = new ArrayList<>();
                List<Long> counts = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(
                        "SELECT word, sum(uses) AS n FROM search_word GROUP BY word ORDER BY n DESC, word")) {
                    while (rs.next()) {
                        words.add(rs.getString(1));
                        counts.add(rs.getLong(2));
                    }
                }
                long[] cumulative = new long[counts.size()];
                long sum = 0;
                for (int i = 0; i < counts.size(); i++) {
                    sum += counts.get(i);
                    cumulative[i] = sum;
                }
                double mb;
                // a partitioned table has no storage of its own: its size is its partitions'
                try (ResultSet rs = statement.executeQuery("SELECT sum(pg_total_relation_size(relid)) / 1048576.0"
                        + " FROM pg_partition_tree('search_task')")) {
                    rs.next();
                    mb = Math.round(rs.getDouble(1) * 10) / 10.0;
                }
                if (workspaces.isEmpty() || words.isEmpty()) {
                    throw new IllegalStateException("the search tables are empty: was the seed projected?");
                }
                return new QueryMix(workspaces, words, cumulative, mb);
            }
        }

        Query query(long index) {
            SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L);
            String workspace = workspaces.get(random.nextInt(workspaces.size()));
            int kind = random.nextInt(100);
            String word = word(random);
            if (kind < 40) {
                return new Query(workspace, word, "");
            }
            if (kind < 60) {
                return new Query(workspace, word + " " + word(random), "");
            }
            if (kind < 75) {
                return new Query(workspace, word.substring(0, Math.min(word.length(), 3 + random.nextInt(3))), "");
            }
            if (kind < 85) {
                return new Query(workspace, "\"" + word + " " + word(random) + "\"", "");
            }
            if (kind < 90) {
                return new Query(workspace, word, "&status=todo");
            }
            if (kind < 95) {
                return new Query(workspace, word + " -" + word(random), "");
            }
            // a transposition inside the word: nothing matches, "did you mean" looks for the closest spelling
            int at = 1 + random.nextInt(Math.max(1, word.length() - 2));
            String typo = at + 1 < word.length()
                    ? word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2)
                    : word + "x";
            return new Query(workspace, typo + "q", "");
        }

        private String word(SplittableRandom random) {
            long target = random.nextLong(cumulative[cumulative.length - 1]);
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (cumulative[middle] > target) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return words.get(low);
        }
    }

    @Override
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        return """
                %s tasks in %s workspaces (seeded by `taskmesh-server.jar import` at %s tasks/s, projected by the \
                server in %s s%s; `search_task` with its index %s MB), searched at %s/s for %s s with the query mix \
                above, after %s s of warm-up (%s). Targets: p50 ≤ %s ms, p99 ≤ %s ms, the API adding at most 2 ms \
                at p50.

                The search's SQL statements alone, timed by the server for each request (its `Server-Timing` \
                header): p50 %s ms, p99 %s ms. The API's share of each request (from its send, minus its \
                statements): p50 %s ms, p99 %s ms.

                %s

                %s""".formatted(
                        s.get("tasks"),
                        s.get("workspaces"),
                        Math.round((Double) s.get("seedTasksPerSecond")),
                        s.get("projectedInSeconds"),
                        Boolean.TRUE.equals(s.get("seedReused"))
                                ? ", in a cluster kept from an earlier run (`TASKMESH_BENCH_SEARCH_CLUSTER`)"
                                : "",
                        s.get("searchTableMb"),
                        (int) RATE,
                        result.steps().isEmpty() ? 0 : result.steps().getFirst().seconds(),
                        s.get("warmUpSeconds"),
                        (Boolean.TRUE.equals(s.get("warmUpSettled"))
                                        ? "until the server's JIT compiler settled: "
                                        : "the JIT compiler had not settled: ")
                                + percent(s.get("warmUpCompileShare")) + " of the last "
                                + JitWarmUp.ROUND.toSeconds() + " s spent compiling",
                        (int) P50_TARGET_MS,
                        (int) P99_TARGET_MS,
                        s.get("sqlP50ms"),
                        s.get("sqlP99ms"),
                        s.get("apiShareP50ms"),
                        s.get("apiShareP99ms"),
                        Scenario.serverUsage(result.server()),
                        Tables.steps(result.steps()));
    }

    private static String percent(Object share) {
        return share instanceof Number number ? Math.round(number.doubleValue() * 1000) / 10.0 + " %" : "unknown";
    }
}
