package dev.taskmesh.server.notification.delivery;

import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.Validation;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's webhook. Not event-sourced on purpose: it holds a signing secret, which must be erasable and never
 * reach the event store, frames or feeds. The secret is shown once, when it is made (on the first PUT and on each
 * rotation); after a rotation the previous secret also signs for a day.
 */
@RestController
class WebhookController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final WebhookTargets targets;
    private final Clock clock;

    WebhookController(JdbcClient jdbc, WebhookTargets targets, Clock clock) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.clock = clock;
    }

    record WebhookRequest(String url) {}

    record WebhookView(String url, Instant secretCreatedAt, String secret) {}

    @GetMapping("/api/me/webhook")
    WebhookView get(CurrentUser user) {
        return jdbc.sql("SELECT url, rotated_at FROM webhook_endpoint WHERE user_id = :userId")
                .param("userId", user.id().value())
                .query((rs, row) ->
                        new WebhookView(rs.getString(1), rs.getTimestamp(2).toInstant(), null))
                .optional()
                .orElseThrow(() -> ProblemException.notFound("No webhook is set."));
    }

    /** Sets the URL; the first time, also makes the secret and answers it (201), later keeps it (200, no secret). */
    @PutMapping("/api/me/webhook")
    ResponseEntity<WebhookView> put(CurrentUser user, @RequestBody WebhookRequest request) {
        Validation.of()
                .check(request.url() != null, "/url", "is required")
                .parsesIfPresent("/url", request.url(), targets::check, "must be an https URL of a public host")
                .orThrow();
        String secret = newSecret();
        Instant now = clock.instant();
        // xmax is 0 for a row this statement inserted and set for one it updated: created, or only re-pointed
        boolean created = jdbc.sql("""
                        INSERT INTO webhook_endpoint (user_id, url, secret, rotated_at)
                        VALUES (:userId, :url, :secret, :now)
                        ON CONFLICT (user_id) DO UPDATE SET url = EXCLUDED.url
                        RETURNING (xmax = 0)
                        """)
                .param("userId", user.id().value())
                .param("url", request.url())
                .param("secret", secret)
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
        return created
                ? ResponseEntity.status(201).body(new WebhookView(request.url(), now, secret))
                : ResponseEntity.ok(get(user));
    }

    /** A new secret, answered once; the previous one keeps signing for a day so receivers can switch over. */
    @PostMapping("/api/me/webhook/secret")
    WebhookView rotate(CurrentUser user) {
        String secret = newSecret();
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE webhook_endpoint SET previous_secret = secret, secret = :secret, rotated_at = :now
                        WHERE user_id = :userId RETURNING url
                        """)
                .param("userId", user.id().value())
                .param("secret", secret)
                .param("now", Timestamp.from(now))
                .query(String.class)
                .optional()
                .map(url -> new WebhookView(url, now, secret))
                .orElseThrow(() -> ProblemException.notFound("No webhook is set."));
    }

    @DeleteMapping("/api/me/webhook")
    ResponseEntity<Void> delete(CurrentUser user) {
        jdbc.sql("DELETE FROM webhook_endpoint WHERE user_id = :userId")
                .param("userId", user.id().value())
                .update();
        return ResponseEntity.noContent().build();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
