package dev.taskmesh.api.task;

import java.util.List;

/** A page of attachments; {@code nextAfter} is null on the last page. */
public record AttachmentList(List<AttachmentView> items, Long nextAfter) {}
