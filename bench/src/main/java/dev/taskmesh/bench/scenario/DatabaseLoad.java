package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a window of a scenario cost PostgreSQL: the CPU of its processes (read from /proc, so only for a PostgreSQL
 * on this machine: the given one or the embedded one), the scenario database's transactions, rows and blocks from
 * {@code pg_stat_database}, and its backends running a statement, sampled every 100 ms.
 */
final class DatabaseLoad implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final String ACTIVE =
            "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND state = 'active' AND pid <> pg_backend_pid()";
    private static final String TOTALS = "SELECT xact_commit + xact_rollback, tup_returned, tup_fetched, blks_read,"
            + " blks_hit FROM pg_stat_database WHERE datname = ?";

    private final Connection connection;
    private final String database;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong activePeak = new AtomicLong();
    private final LongAdder activeSum = new LongAdder();
    private final LongAdder samples = new LongAdder();
    private final long[] totalsBefore;
    private final long cpuTicksBefore;
    private final long startNanos = System.nanoTime();

    private DatabaseLoad(Connection connection, String database) throws SQLException, IOException {
        this.connection = connection;
        this.database = database;
        this.totalsBefore = totals();
        this.cpuTicksBefore = postgresCpuTicks();
        sampler.scheduleAtFixedRate(this::sampleActive, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Starts watching {@code database} (at {@code jdbcUrl}) from now. */
    static DatabaseLoad start(BenchInfrastructure infra, String jdbcUrl, String database)
            throws SQLException, IOException {
        return new DatabaseLoad(infra.connect(jdbcUrl), database);
    }

    /** What the window since {@link #start} cost, as a summary for the result file. */
    Map<String, Object> stop() throws SQLException, IOException, InterruptedException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpuTicks = postgresCpuTicks() - cpuTicksBefore;
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        // backends report their counts to the statistics system at most once a second: wait that long for the last
        Thread.sleep(1_500);
        long[] after = totals();
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("seconds", round(seconds));
        load.put("postgresCpuPercent", round(cpuTicks * 100.0 / CLOCK_TICKS_PER_SECOND / seconds));
        load.put("activeBackendsPeak", activePeak.get());
        load.put("activeBackendsMean", samples.sum() == 0 ? 0 : round((double) activeSum.sum() / samples.sum()));
        load.put("transactions", after[0] - totalsBefore[0]);
        load.put("rowsReturned", after[1] - totalsBefore[1]);
        load.put("rowsFetched", after[2] - totalsBefore[2]);
        load.put("blocksRead", after[3] - totalsBefore[3]);
        load.put("blocksHit", after[4] - totalsBefore[4]);
        return load;
    }

    @Override
    public void close() throws SQLException {
        sampler.shutdownNow();
        connection.close();
    }

    private void sampleActive() {
        try (PreparedStatement statement = connection.prepareStatement(ACTIVE)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long active = rows.getLong(1);
                activePeak.accumulateAndGet(active, Math::max);
                activeSum.add(active);
                samples.increment();
            }
        } catch (SQLException e) {
            // a missed sample leaves the peak and the mean to the others
        }
    }

    private synchronized long[] totals() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TOTALS)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no statistics for database " + database);
                }
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)};
            }
        }
    }

    /**
     * User and system CPU of every PostgreSQL process now running, plus what its exited children used (counted in
     * the parent's cutime and cstime once reaped), in clock ticks.
     */
    private static long postgresCpuTicks() throws IOException {
        long ticks = 0;
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            if (!process.info().command().orElse("").endsWith("/postgres")) {
                continue;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                // fields after the command, which is in parentheses and may hold spaces
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                for (int field = 11; field <= 14; field++) {
                    ticks += Long.parseLong(fields[field]);
                }
            } catch (IOException e) {
                // the process ended meanwhile: its time is now its parent's
            }
        }
        return ticks;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
