package dev.taskmesh.api.search;

import java.util.List;

/** {@code GET /api/workspaces/{ws}/search}: the shared list shape, plus a suggestion when nothing matched. */
public record SearchPage(List<SearchHit> items, String nextCursor, String didYouMean) {

    public SearchPage {
        items = List.copyOf(items);
    }
}
