package dev.taskmesh.query.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The partition of {@code search_task} that holds a workspace's documents, which a search names instead of the
 * partitioned table. PostgreSQL plans a statement over the partitioned table afresh on every call (a plan kept for any
 * workspace would cost 64 partitions, so it never looks cheaper), while a statement over one partition is planned
 * once per connection and kept: 0.2 ms less per search at the median under the benchmark's load, 0.5 to 1.5 ms alone
 * (docs/benchmarks.md#search). The partition is found from the workspace's own rows, as hashing the key in
 * PostgreSQL's way is its internal business; a workspace without a document yet is searched through the partitioned
 * table, and its partition is looked up again next time.
 *
 * <p>A workspace's partition is its key's hash, fixed while the partitioning is: rebuilds copy the partitions under
 * their names and bounds, and a release that partitions differently drops the old partitions only in a later one
 * (docs/operations.md#rolling-upgrades), so a node's memory of them never goes stale. It decides nothing about access:
 * every statement still names the workspace.
 */
@Component
class SearchPartitions {

    private static final String TABLE = "search_task";

    /** Partition names as PostgreSQL prints them, unquoted; anything else is searched through the table. */
    private static final Pattern PARTITION = Pattern.compile(TABLE + "_[a-z0-9_]+");

    /** About 100 bytes each: 10 MB for a hundred thousand active workspaces. */
    private static final int REMEMBERED = 100_000;

    private final JdbcClient jdbc;
    private final Cache<UUID, String> known =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    SearchPartitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The relation to search the workspace's documents in: its partition, or the table while it has none. */
    String of(WorkspaceId workspace) {
        String partition = known.getIfPresent(workspace.value());
        if (partition != null) {
            return partition;
        }
        Optional<String> holding = jdbc.sql(
                        "SELECT tableoid::regclass::text FROM " + TABLE + " WHERE workspace_id = :workspaceId LIMIT 1")
                .param("workspaceId", workspace.value())
                .query(String.class)
                .optional()
                .filter(name -> PARTITION.matcher(name).matches());
        holding.ifPresent(name -> known.put(workspace.value(), name));
        return holding.orElse(TABLE);
    }
}
