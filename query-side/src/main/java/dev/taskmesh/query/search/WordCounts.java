package dev.taskmesh.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The word-count changes of one processor batch, summed per workspace and word and written when the batch commits:
 * two statements instead of one or two per event, and the counters' rows locked only at the very end, in one order
 * (workspace, then word), so concurrent batches (a rebuild's segments) never wait on each other in a cycle and hold
 * the most used words' rows briefly.
 */
final class WordCounts {

    private final JdbcClient jdbc;
    private final Map<String, Integer> deltas = new TreeMap<>();

    WordCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(UUID workspace, Iterable<String> words, int delta) {
        for (String word : words) {
            deltas.merge(workspace + " " + word, delta, Integer::sum);
        }
    }

    void write() {
        List<UUID> workspaces = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Integer> changes = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            if (delta != 0) {
                int space = key.indexOf(' ');
                workspaces.add(UUID.fromString(key.substring(0, space)));
                words.add(key.substring(space + 1));
                changes.add(delta);
            }
        });
        deltas.clear();
        if (words.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO search_word (workspace_id, word, uses)
                        SELECT * FROM unnest(:workspaces::uuid[], :words::text[], :deltas::int[])
                        ON CONFLICT (workspace_id, word) DO UPDATE SET uses = search_word.uses + EXCLUDED.uses
                        """)
                .param("workspaces", workspaces.toArray(UUID[]::new))
                .param("words", words.toArray(String[]::new))
                .param("deltas", changes.toArray(Integer[]::new))
                .update();
        if (changes.stream().anyMatch(delta -> delta < 0)) {
            jdbc.sql("""
                            DELETE FROM search_word
                            WHERE (workspace_id, word) IN (SELECT * FROM unnest(:workspaces::uuid[], :words::text[]))
                              AND uses <= 0
                            """)
                    .param("workspaces", workspaces.toArray(UUID[]::new))
                    .param("words", words.toArray(String[]::new))
                    .update();
        }
    }
}
