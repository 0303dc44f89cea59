package dev.taskmesh.api.comment;

public record CommentRequest(String body) {}
