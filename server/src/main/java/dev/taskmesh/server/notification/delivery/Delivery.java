package dev.taskmesh.server.notification.delivery;

import dev.taskmesh.api.account.UserId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One notification to one channel. Its id is derived from both, so it is the same on every attempt and after any
 * crash: receivers de-duplicate on it ({@code X-TaskMesh-Delivery-Id}). Its queue instance id carries everything the
 * sender needs to find the rest.
 */
public record Delivery(Channel channel, UUID notificationId, UserId owner) {

    public UUID id() {
        return UUID.nameUUIDFromBytes(
                ("delivery/" + channel.wireName() + "/" + notificationId).getBytes(StandardCharsets.UTF_8));
    }

    String instanceId() {
        return channel.wireName() + ":" + notificationId + ":" + owner.value();
    }

    static Delivery parse(String instanceId) {
        String[] parts = instanceId.split(":");
        return new Delivery(
                Channel.fromWireName(parts[0]), UUID.fromString(parts[1]), new UserId(UUID.fromString(parts[2])));
    }
}
