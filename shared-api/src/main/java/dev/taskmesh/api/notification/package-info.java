/**
 * Notifications: what concerns one user (assigned, mentioned, changes on watched tasks, due reminders, membership),
 * their inbox with read marks, and their preferences per kind and channel. Read marks and preferences are commands on
 * a per-user {@code Inbox} aggregate, so they survive any rebuild of the inbox read model.
 */
package dev.taskmesh.api.notification;
