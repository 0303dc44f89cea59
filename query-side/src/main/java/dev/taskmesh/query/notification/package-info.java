/**
 * The inbox: notifications derived from events by rules, one row per recipient, with read marks from the user's
 * Inbox aggregate, pushed live on the owner's user stream.
 */
package dev.taskmesh.query.notification;
