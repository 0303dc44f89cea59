package dev.taskmesh.server.rebuild;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empty copies of a read model's tables in a schema of their own, and the switch that puts them in the live tables'
 * place. The copies have the live tables' columns, defaults, generated columns, constraints and unique indexes
 * ({@code LIKE ... INCLUDING ALL}) and sequences of their own. Their other indexes (lists, full text, trigrams) are
 * built once the replay is nearly done: one sort of the whole table instead of an index update per row, which is
 * most of a GIN index's cost. A partitioned table's copy is partitioned by the same key into partitions of the same
 * names and bounds. After the switch every table and index carries the live one's name, so later migrations find what
 * they expect.
 */
final class ShadowTables {

    /** A deferred index's definition, as dropSecondaryIndexes keeps it: on a table of the copies' schema. */
    private static final Pattern INDEX_DEFINITION = Pattern.compile(
            "(?<create>CREATE (?:UNIQUE )?INDEX )(?<name>\\S+) ON \\S+\\.(?<table>\\S+)(?<rest> USING .*)");

    private final JdbcClient jdbc;
    private final String schema;
    private final List<String> tables;
    private final List<String> deferredIndexes = new ArrayList<>();

    ShadowTables(JdbcClient jdbc, String processingGroup, List<String> tables) {
        this.jdbc = jdbc;
        this.schema = "rebuild_" + processingGroup.replace('-', '_');
        this.tables = List.copyOf(tables);
    }

    String schema() {
        return schema;
    }

    /** Drops what an earlier, unfinished rebuild left, and creates the empty copies. */
    void create() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + schema).update();
        for (String table : tables) {
            String partitioning = jdbc.sql("SELECT pg_get_partkeydef(('public.' || :table)::regclass)")
                    .param("table", table)
                    .query(String.class)
                    .optional()
                    .map(key -> " PARTITION BY " + key)
                    .orElse("");
            jdbc.sql("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + " INCLUDING ALL)"
                            + partitioning)
                    .update();
            partitions(table)
                    .forEach((partition, bound) -> jdbc.sql("CREATE TABLE " + schema + "." + partition
                                    + " PARTITION OF " + schema + "." + table + " " + bound)
                            .update());
            // LIKE copies a serial column's default, which still draws from the live table's sequence: the copy
            // gets its own, owned by it, so the sequence moves and is dropped with its table
            List<String> serials = jdbc.sql("""
                            SELECT column_name FROM information_schema.columns
                            WHERE table_schema = :schema AND table_name = :table AND column_default LIKE 'nextval(%'
                            """)
                    .param("schema", schema)
                    .param("table", table)
                    .query(String.class)
                    .list();
            dropSecondaryIndexes(table);
            for (String column : serials) {
                String sequence = schema + "." + table + "_" + column + "_seq";
                jdbc.sql("CREATE SEQUENCE " + sequence + " OWNED BY " + schema + "." + table + "." + column)
                        .update();
                jdbc.sql("ALTER TABLE " + schema + "." + table + " ALTER COLUMN " + column + " SET DEFAULT nextval('"
                                + sequence + "')")
                        .update();
            }
        }
    }

    /**
     * The live table's non-unique indexes are dropped from the copy and kept to be built later, with the live names:
     * no handler needs them to write (conflict targets are unique).
     */
    private void dropSecondaryIndexes(String table) {
        jdbc.sql("""
                        SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                        WHERE i.indrelid = ('public.' || :table)::regclass AND NOT i.indisunique
                        """)
                .param("table", table)
                .query(String.class)
                .list()
                .forEach(definition -> deferredIndexes.add(definition
                        // a partitioned table's index is defined ON ONLY it; built on the copy, it covers every
                        // partition
                        .replace(" ON ONLY public." + table + " ", " ON " + schema + "." + table + " ")
                        .replace(" ON public." + table + " ", " ON " + schema + "." + table + " ")));
        jdbc.sql("""
                        SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                        WHERE i.indrelid = (:schema || '.' || :table)::regclass AND NOT i.indisunique
                        """)
                .param("schema", schema)
                .param("table", table)
                .query(String.class)
                .list()
                .forEach(index -> jdbc.sql("DROP INDEX " + schema + "." + index).update());
    }

    /**
     * Builds the indexes left out at first and gathers the copies' statistics, so the planner knows the tables from
     * their first query as live tables. Writes to the copies wait meanwhile. Both run on {@code parallelism}
     * connections at once, a partitioned table's partition by partition: PostgreSQL builds one index and analyses one
     * table on one core (a GIN index has no parallel build before version 18), and one statement on a partitioned
     * table goes through its partitions one after another. A partitioned index is then assembled from its
     * partitions' indexes. A partitioned table gets its partitions' statistics, which every search uses (each names
     * its workspace, the partition key), and not the parent's own: ANALYZE on the parent would analyse every
     * partition again, and a table that was never rebuilt has none either, as autovacuum does not analyse a
     * partitioned table.
     */
    void completeIndexes(int parallelism) {
        ExecutorService builders = Executors.newFixedThreadPool(
                parallelism,
                Thread.ofPlatform().name("rebuild-index-", 1).daemon().factory());
        try {
            for (int i = 0; i < deferredIndexes.size(); i++) {
                build(deferredIndexes.get(i), i, builders);
            }
            List<Future<String>> analysed = new ArrayList<>();
            for (String table : tables) {
                List<String> partitions = List.copyOf(partitions(table).keySet());
                for (String relation : partitions.isEmpty() ? List.of(table) : partitions) {
                    analysed.add(builders.submit(() -> {
                        jdbc.sql("ANALYZE " + schema + "." + relation).update();
                        return relation;
                    }));
                }
            }
            analysed.forEach(ShadowTables::finished);
        } finally {
            builders.shutdownNow();
        }
        deferredIndexes.clear();
    }

    private void build(String definition, int number, ExecutorService builders) {
        Matcher index = INDEX_DEFINITION.matcher(definition);
        List<String> partitions =
                index.matches() ? List.copyOf(partitions(index.group("table")).keySet()) : List.of();
        if (partitions.isEmpty()) {
            jdbc.sql(definition).update();
            return;
        }
        String parent = schema + "." + index.group("name");
        String kind = index.group("create");
        String rest = index.group("rest");
        jdbc.sql(kind + index.group("name") + " ON ONLY " + schema + "." + index.group("table") + rest)
                .update();
        List<Future<String>> built = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            // named for the copy only: the switch gives every index its live name, found by what it indexes
            String name = "rebuild_index_" + number + "_" + p;
            String partition = partitions.get(p);
            built.add(builders.submit(() -> {
                jdbc.sql(kind + name + " ON " + schema + "." + partition + rest).update();
                return name;
            }));
        }
        for (Future<String> partitionIndex : built) {
            jdbc.sql("ALTER INDEX " + parent + " ATTACH PARTITION " + schema + "." + finished(partitionIndex))
                    .update();
        }
    }

    private static String finished(Future<String> build) {
        try {
            return build.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while completing the copies", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "an index or the statistics of the copies failed: "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    /** Locks the live tables against every reader and writer until the current transaction ends. */
    void lockLive() {
        jdbc.sql("LOCK TABLE "
                        + String.join(
                                ", ", tables.stream().map(t -> "public." + t).toList()) + " IN ACCESS EXCLUSIVE MODE")
                .update();
    }

    /** In the current transaction: drops the live tables and moves the copies in their place, names and all. */
    /**
     * Drops the copies' rows of workspaces purged by now. A purge reaches the copies through its event only by luck:
     * a bulk fold reads one aggregate type, and the replay's segments run side by side, so a task's event in one
     * segment may land after the purge handled in another.
     */
    void dropPurgedWorkspaces() {
        for (String table : tables) {
            boolean perWorkspace = jdbc.sql("""
                            SELECT EXISTS (SELECT 1 FROM information_schema.columns
                                            WHERE table_schema = :schema AND table_name = :table
                                              AND column_name = 'workspace_id')
                            """)
                    .param("schema", schema)
                    .param("table", table)
                    .query(Boolean.class)
                    .single();
            if (perWorkspace) {
                jdbc.sql("DELETE FROM " + schema + "." + table
                                + " WHERE workspace_id IN (SELECT workspace_id FROM public.workspace"
                                + " WHERE purged_at IS NOT NULL)")
                        .update();
            }
        }
    }

    void switchOver() {
        for (String table : tables) {
            // a partitioned table moves alone: its partitions follow one by one
            List<String> relations = new ArrayList<>(List.of(table));
            relations.addAll(partitions(table).keySet());
            Map<String, Map<String, String>> liveIndexes = new LinkedHashMap<>();
            relations.forEach(relation -> liveIndexes.put(relation, indexes("public", relation)));
            jdbc.sql("DROP TABLE public." + table).update();
            for (String relation : relations) {
                jdbc.sql("ALTER TABLE " + schema + "." + relation + " SET SCHEMA public")
                        .update();
            }
            for (String relation : relations) {
                indexes("public", relation).forEach((definition, name) -> {
                    String liveName = liveIndexes.get(relation).get(definition);
                    if (liveName != null && !liveName.equals(name)) {
                        jdbc.sql("ALTER INDEX public." + name + " RENAME TO " + liveName)
                                .update();
                    }
                });
            }
        }
        jdbc.sql("DROP SCHEMA " + schema).update();
    }

    /** The live table's partitions, by name, with their bounds ({@code FOR VALUES ...}); none if not partitioned. */
    private Map<String, String> partitions(String table) {
        Map<String, String> partitions = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
                        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = ('public.' || :table)::regclass ORDER BY c.relname
                        """)
                .param("table", table)
                .query((rs, n) -> Map.entry(rs.getString("relname"), rs.getString("bound")))
                .list()
                .forEach(entry -> partitions.put(entry.getKey(), entry.getValue()));
        return partitions;
    }

    /** Drops the copies: the rebuild failed or was given up. */
    void drop() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    }

    /** The table's indexes by definition (without their names), so a copy's index is found by what it indexes. */
    private Map<String, String> indexes(String tableSchema, String table) {
        Map<String, String> byDefinition = new LinkedHashMap<>();
        jdbc.sql("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :schema AND tablename = :table")
                .param("schema", tableSchema)
                .param("table", table)
                .query((rs, n) -> Map.entry(
                        rs.getString("indexdef").replaceFirst("INDEX \\S+ ON (ONLY )?\\S+", "INDEX ON " + table),
                        rs.getString("indexname")))
                .list()
                .forEach(entry -> byDefinition.put(entry.getKey(), entry.getValue()));
        return byDefinition;
    }
}
