/** Idempotency-Key for POSTs: first answers stored with the command's transaction, replayed on retries. */
package dev.taskmesh.server.idempotency;
