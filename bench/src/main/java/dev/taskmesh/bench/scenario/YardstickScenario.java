package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the raw infrastructure does on this machine, with no TaskMesh in between: PostgreSQL insert-and-commit of an
 * event-sized row at several concurrencies, and Redis PUBLISH-to-subscriber latency at fixed rates. Scenarios that
 * cite these figures measure them again in their own run.
 */
public final class YardstickScenario implements Scenario {

    static final int SERVER_POOL = 20;

    @Override
    public String name() {
        return "yardstick";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String database = "bench_yardstick_" + started.getEpochSecond();
        String url = context.infra().createDatabase(database);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        try {
            for (int concurrency : concurrencies(context)) {
                StepResult step = postgres(context, url, concurrency);
                steps.add(step);
                summary.put("postgresCommitsPerSecond@" + concurrency, step.throughput());
            }
            for (double rate : new double[] {1_000, 5_000}) {
                StepResult step = StepResult.of(
                        "redis publish→subscriber",
                        "yardstick",
                        rate,
                        1,
                        context.step().toMillis() / 1000.0,
                        RawRedis.publishToSubscriber(context.infra().redisUrl(), rate, context.step()));
                steps.add(step);
                summary.put("redisP99Ms@" + (int) rate + "/s", step.latency().p99());
            }
        } finally {
            context.infra().dropDatabase(database);
        }
        return result(context, started, steps, null, summary);
    }

    /** Raw PostgreSQL at one concurrency, in the given database. */
    static StepResult postgres(RunContext context, String jdbcUrl, int concurrency) throws Exception {
        return StepResult.of(
                "postgres insert+commit",
                "yardstick",
                0,
                concurrency,
                context.step().toMillis() / 1000.0,
                RawPostgres.insertAndCommit(context.infra(), jdbcUrl, concurrency, context.step()));
    }

    /** 1, 8, 32 and 128 clients, capped below the connections PostgreSQL has left beside a server's pool. */
    static List<Integer> concurrencies(RunContext context) {
        int cap = context.infra().maxConnections() - SERVER_POOL - 10;
        List<Integer> levels = new ArrayList<>();
        for (int level : new int[] {1, 8, 32, 128}) {
            int capped = Math.min(level, cap);
            if (!levels.contains(capped)) {
                levels.add(capped);
            }
        }
        return levels;
    }

    @Override
    public String markdown(ScenarioResult result) {
        return Tables.steps(result.steps());
    }
}
