package dev.taskmesh.bench.scenario;

import com.sun.management.OperatingSystemMXBean;
import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.record.ScenarioResult.Machine;
import java.lang.management.ManagementFactory;

/** Describes the machine a run measured, so that figures are never read without it. */
final class Machines {

    private Machines() {}

    static Machine describe(BenchInfrastructure infra) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / (1024 * 1024),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                infra.postgresVersion() + (infra.kind().equals("given") ? "" : " (" + infra.kind() + ")"),
                infra.kind());
    }
}
