package dev.taskmesh.server.replica;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * One replica: its own small read-only pool, and what the last check found (how far it has replayed, how far behind
 * it is, whether it is in the rotation). A connection is checked as it is borrowed, so one that a restarted or stopped
 * replica left dead fails before a query is sent on it, and the read goes to the primary instead.
 */
final class Replica implements AutoCloseable {

    /** What one check found. */
    record State(boolean inRotation, long replayedLsn, long lagBytes, double lagSeconds, String problem) {

        static final State UNCHECKED = new State(false, 0, 0, 0, "not checked yet");
    }

    private final String name;
    private final HikariDataSource pool;
    private volatile State state = State.UNCHECKED;

    Replica(String name, String url, String user, String password, int poolSize) {
        this.name = name;
        HikariConfig config = new HikariConfig();
        config.setPoolName("replica-" + name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setReadOnly(true);
        // as the primary's pool (application.yml): no notices, which the driver turns into warnings with stack traces
        config.addDataSourceProperty("options", "-c client_min_messages=warning");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        // a replica that is down must cost a read a moment, not Hikari's default half minute
        config.setConnectionTimeout(Duration.ofMillis(500).toMillis());
        config.setValidationTimeout(Duration.ofMillis(250).toMillis());
        // the node starts, and stays up, whatever its replicas do
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
    }

    String name() {
        return name;
    }

    State state() {
        return state;
    }

    void update(State state) {
        this.state = state;
    }

    Connection connection() throws SQLException {
        Connection connection = pool.getConnection();
        if (!connection.isValid(1)) {
            pool.evictConnection(connection);
            throw new SQLTransientConnectionException("replica " + name + " does not answer");
        }
        return connection;
    }

    @Override
    public void close() {
        pool.close();
    }
}
