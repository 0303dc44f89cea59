package dev.taskmesh.server.replica;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's one DataSource: the primary, except on a thread that ReplicaReads has pointed at a replica for
 * the length of one read. Everything else (commands, projections, tokens, membership, idempotency) never sets a
 * route, so it reaches the primary as before; and a read inside a transaction keeps the transaction's connection.
 */
final class RoutingDataSource extends DelegatingDataSource {

    private static final ThreadLocal<Replica> ROUTE = new ThreadLocal<>();

    RoutingDataSource(DataSource primary) {
        super(primary);
    }

    static void route(Replica replica) {
        ROUTE.set(replica);
    }

    static void clear() {
        ROUTE.remove();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Replica replica = ROUTE.get();
        return replica == null ? super.getConnection() : replica.connection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Replica replica = ROUTE.get();
        return replica == null ? super.getConnection(username, password) : replica.connection();
    }
}
