/**
 * Personal data in an append-only store: the per-user keys its fields are encrypted with in the event store
 * (crypto-shredding), the event serializer that applies them, and account erasure, which deletes the key and
 * replaces the person by "Deleted user" everywhere else.
 */
package dev.taskmesh.server.personal;
