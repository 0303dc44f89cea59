package dev.taskmesh.server.poison;

import java.time.Instant;

/** One parked event, as {@code GET /admin/dead-letters} lists it. */
public record DeadLetter(
        long id,
        String processor,
        String sequenceId,
        long globalIndex,
        String eventId,
        String eventType,
        String cause,
        int attempts,
        Instant deadLetteredAt) {}
