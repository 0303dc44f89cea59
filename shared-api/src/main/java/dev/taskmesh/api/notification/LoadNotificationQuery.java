package dev.taskmesh.api.notification;

import java.util.UUID;

/** One notification by id, whoever owns it, for delivering it; answers an Optional of {@link NotificationView}. */
public record LoadNotificationQuery(UUID id) {}
