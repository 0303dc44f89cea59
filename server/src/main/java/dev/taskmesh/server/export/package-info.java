/**
 * One workspace's data as a file: its events and its current state, for an operator
 * (docs/operations.md#backup-and-restore).
 */
package dev.taskmesh.server.export;
