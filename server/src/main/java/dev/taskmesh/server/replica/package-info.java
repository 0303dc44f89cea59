/**
 * Read replicas: PostgreSQL streaming replicas that serve the heavy read-only queries (feeds, search, task lists,
 * notification lists) while the primary keeps the write path, with read-your-writes kept through WAL positions.
 */
package dev.taskmesh.server.replica;
