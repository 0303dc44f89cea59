package dev.taskmesh.bench.infra;

import java.io.IOException;
import java.util.List;

/**
 * The PostgreSQL and Redis of one scenario run, started on free ports for it alone, whatever the harness's own
 * infrastructure is: the scenarios that stop, restart or kill them, and those that must not share the machine's
 * services with anyone, run on these. {@link #infra()} is the usual view on them.
 */
public final class OwnServices implements AutoCloseable {

    private final OwnPostgres postgres;
    private final OwnRedis redis;
    private final BenchInfrastructure infra;

    private OwnServices(OwnPostgres postgres, OwnRedis redis) {
        this.postgres = postgres;
        this.redis = redis;
        this.infra = BenchInfrastructure.on(postgres.adminUrl(), "postgres", "", redis.url());
    }

    /** Both started; the cluster with room for two nodes' pools and the harness's checks. */
    public static OwnServices start() throws IOException, InterruptedException {
        OwnPostgres postgres = OwnPostgres.start(List.of("max_connections = 300", "shared_buffers = 256MB"));
        try {
            return new OwnServices(postgres, OwnRedis.start());
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public OwnPostgres postgres() {
        return postgres;
    }

    public OwnRedis redis() {
        return redis;
    }

    public BenchInfrastructure infra() {
        return infra;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            redis.close();
        } finally {
            postgres.close();
        }
    }
}
