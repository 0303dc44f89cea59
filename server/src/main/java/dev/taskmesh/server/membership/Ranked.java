package dev.taskmesh.server.membership;

/** A row with its position in a list, the key of keyset pagination. */
record Ranked<T>(long position, T item) {}
