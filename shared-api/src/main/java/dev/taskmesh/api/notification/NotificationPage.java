package dev.taskmesh.api.notification;

import java.util.List;

/** A page of an inbox, newest first; {@code nextBefore} is null on the last page. */
public record NotificationPage(List<NotificationView> items, Long nextBefore) {}
