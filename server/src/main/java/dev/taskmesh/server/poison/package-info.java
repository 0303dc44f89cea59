/**
 * Poison events: what a streaming processor does with an event its handlers keep failing on (retry with backoff,
 * then park it and the rest of its sequence as dead letters), and the operator's list and retry under
 * {@code /admin/dead-letters}.
 */
package dev.taskmesh.server.poison;
