/**
 * Live delivery: every event gets a position on each stream it belongs to (relay), frames travel between nodes over
 * Redis pub/sub (bus), and each node pushes them to its WebSocket clients (socket). docs/realtime.md is the protocol.
 */
package dev.taskmesh.realtime;
