/**
 * Rebuilding a read model from the events while the live one serves: shadow tables, a tracking processor of their own,
 * and an atomic switch-over (docs/operations.md#rebuilding-a-read-model).
 */
package dev.taskmesh.server.rebuild;
