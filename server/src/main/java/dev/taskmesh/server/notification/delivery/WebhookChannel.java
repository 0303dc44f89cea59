package dev.taskmesh.server.notification.delivery;

import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.server.web.RequestIdFilter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a notification to its owner's webhook as JSON {@code {deliveryId, notification}}, signed: the header
 * {@code X-TaskMesh-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the current secret and, for a
 * day after a rotation, a second {@code v1} with the previous one. Any 2xx is delivered; anything else, a timeout or
 * a redirect (never followed) is a failure to retry.
 */
class WebhookChannel {

    static final Duration PREVIOUS_SECRET_GRACE = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WebhookTargets targets;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    WebhookChannel(JdbcClient jdbc, JsonMapper json, WebhookTargets targets, Clock clock, Duration timeout) {
        this.jdbc = jdbc;
        this.json = json;
        this.targets = targets;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @return false when the owner has no webhook any more: nothing to deliver */
    boolean send(Delivery delivery, NotificationView notification, String requestId)
            throws IOException, InterruptedException {
        Optional<Endpoint> endpoint = jdbc.sql("""
                        SELECT url, secret, previous_secret, rotated_at FROM webhook_endpoint WHERE user_id = :userId
                        """)
                .param("userId", delivery.owner().value())
                .query((rs, row) -> new Endpoint(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
        if (endpoint.isEmpty()) {
            return false;
        }
        URI target = targets.check(endpoint.get().url());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("deliveryId", delivery.id().toString());
        payload.put("notification", notification);
        String body = json.writeValueAsString(payload);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(EmailChannel.DELIVERY_ID_HEADER, delivery.id().toString())
                .header("X-TaskMesh-Signature", signature(endpoint.get(), timestamp, body));
        if (requestId != null) {
            request.header(RequestIdFilter.HEADER, requestId); // the request that caused it, for the receiver's logs
        }
        HttpResponse<Void> response = http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook answered HTTP " + response.statusCode());
        }
        return true;
    }

    private String signature(Endpoint endpoint, long timestamp, String body) {
        String signed = timestamp + "." + body;
        StringBuilder header =
                new StringBuilder("t=").append(timestamp).append(",v1=").append(hmac(endpoint.secret(), signed));
        if (endpoint.previousSecret() != null
                && endpoint.rotatedAt().plus(PREVIOUS_SECRET_GRACE).isAfter(clock.instant())) {
            header.append(",v1=").append(hmac(endpoint.previousSecret(), signed));
        }
        return header.toString();
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private record Endpoint(String url, String secret, String previousSecret, Instant rotatedAt) {}
}
