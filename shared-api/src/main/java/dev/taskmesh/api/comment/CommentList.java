package dev.taskmesh.api.comment;

import java.util.List;

/** A page of comments; {@code nextAfter} is null on the last page. */
public record CommentList(List<CommentView> items, Long nextAfter) {}
