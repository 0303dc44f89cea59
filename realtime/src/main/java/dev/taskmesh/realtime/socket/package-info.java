/**
 * The WebSocket endpoint {@code /ws} (protocol {@code taskmesh.v1}, docs/realtime.md): handshake authentication,
 * client frames, subscriptions with exact replay, per-connection outboxes, heartbeats and token expiry.
 */
package dev.taskmesh.realtime.socket;
