package dev.taskmesh.api.search;

import java.util.List;

/**
 * A page of hits; {@code nextAfter} is null on the last page. {@code didYouMean} is a respelling of the query from the
 * workspace's title and label words, offered only when the first page found nothing and a close spelling exists.
 */
public record SearchResults(List<SearchHit> items, SearchAfter nextAfter, String didYouMean) {

    public SearchResults {
        items = List.copyOf(items);
    }
}
