package dev.taskmesh.api.feed;

import java.util.List;

/** A page of a feed; {@code nextBefore} is null on the last page. */
public record FeedPage(List<FeedItem> items, Long nextBefore) {}
