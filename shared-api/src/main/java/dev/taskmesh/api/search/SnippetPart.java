package dev.taskmesh.api.search;

/** A run of a snippet's text; {@code match} when it is a word the query matched. */
public record SnippetPart(String text, boolean match) {}
