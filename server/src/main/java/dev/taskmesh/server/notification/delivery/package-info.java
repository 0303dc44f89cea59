/**
 * External notification channels: email over SMTP and signed webhooks, queued in PostgreSQL (db-scheduler) in the
 * transaction that creates the notification, retried with backoff and jitter, then dead-lettered for an operator.
 */
package dev.taskmesh.server.notification.delivery;
