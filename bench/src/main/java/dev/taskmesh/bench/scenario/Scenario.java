package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.record.ScenarioResult;

/** A reproducible measurement: it starts what it needs, measures, stops what it started, and reports. */
public interface Scenario {

    String name();

    ScenarioResult run(RunContext context) throws Exception;

    /** The markdown that docs/benchmarks.md shows for a result of this scenario. */
    String markdown(ScenarioResult result);
}
