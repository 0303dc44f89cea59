package dev.taskmesh.bench;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.record.ResultFiles;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.scenario.BroadcastScenario;
import dev.taskmesh.bench.scenario.ConnectionsScenario;
import dev.taskmesh.bench.scenario.FaultScenario;
import dev.taskmesh.bench.scenario.FeedScenario;
import dev.taskmesh.bench.scenario.MixedScenario;
import dev.taskmesh.bench.scenario.NotificationScenario;
import dev.taskmesh.bench.scenario.RebuildScenario;
import dev.taskmesh.bench.scenario.ReplicaScenario;
import dev.taskmesh.bench.scenario.RunContext;
import dev.taskmesh.bench.scenario.Scenario;
import dev.taskmesh.bench.scenario.SearchScenario;
import dev.taskmesh.bench.scenario.StormScenario;
import dev.taskmesh.bench.scenario.TaskListScenario;
import dev.taskmesh.bench.scenario.WritePathScenario;
import dev.taskmesh.bench.scenario.YardstickScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The harness: {@code bench.sh SCENARIO [--full] [--no-docs]}. It starts what the scenario needs (its own database
 * on the PostgreSQL named by TASKMESH_DATABASE_URL, or embedded PostgreSQL and Redis), runs it, writes the JSON
 * result to bench-results/ and the latest figures into docs/benchmarks.md.
 */
public final class Bench {

    private static final Map<String, Scenario> SCENARIOS = Stream.concat(
                    Stream.of(
                            new YardstickScenario(),
                            new WritePathScenario(),
                            BroadcastScenario.streams(),
                            BroadcastScenario.atScale(),
                            new ConnectionsScenario(),
                            new StormScenario(),
                            new TaskListScenario(),
                            new FeedScenario(),
                            new NotificationScenario(),
                            new SearchScenario(),
                            new RebuildScenario(),
                            new ReplicaScenario(),
                            new MixedScenario()),
                    FaultScenario.all().stream())
            .collect(Collectors.toMap(Scenario::name, Function.identity()));

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        if (arguments.isEmpty() || !SCENARIOS.containsKey(arguments.getFirst())) {
            System.err.println("usage: bench.sh SCENARIO [--full] [--no-docs]   scenarios: " + SCENARIOS.keySet());
            System.exit(2);
        }
        Scenario scenario = SCENARIOS.get(arguments.removeFirst());
        boolean full = arguments.remove("--full");
        boolean docs = !arguments.remove("--no-docs");
        if (!arguments.isEmpty()) {
            System.err.println("unknown arguments: " + arguments);
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("taskmesh.root", "."))
                .toAbsolutePath()
                .normalize();
        Path serverJar = root.resolve("server/target/taskmesh-server.jar");
        if (!Files.exists(serverJar)) {
            System.err.println("no server jar at " + serverJar + ": build it first (bench.sh does)");
            System.exit(2);
        }
        String command = "./bench.sh " + scenario.name() + (full ? " --full" : "");
        try (BenchInfrastructure infra = BenchInfrastructure.start(System.getenv())) {
            // scenarios write their servers' and tools' logs here from the start
            Path results = Files.createDirectories(root.resolve("bench-results"));
            RunContext context = new RunContext(full, infra, serverJar, results, command);
            System.out.println("running " + scenario.name() + " (" + context.mode() + " mode)");
            ScenarioResult result = scenario.run(context);
            Path json = ResultFiles.writeJson(context.outDir(), result);
            String markdown = scenario.markdown(result);
            Path report = ResultFiles.writeReport(context.outDir(), result, markdown);
            if (docs) {
                ResultFiles.updateDocument(root.resolve("docs/benchmarks.md"), result, markdown);
                ResultFiles.copyPlots(context.outDir(), root.resolve("docs"), result);
            }
            System.out.println(markdown);
            System.out.println("result: " + json + "\nreport: " + report);
            List<String> failures = scenario.failures(result);
            if (!failures.isEmpty()) {
                System.err.println(scenario.name() + " FAILED:");
                failures.forEach(failure -> System.err.println("  " + failure));
                System.exit(1);
            }
        }
    }
}
