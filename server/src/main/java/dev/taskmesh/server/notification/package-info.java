/** The inbox over HTTP: notifications, unread counts, read marks and preferences of the calling user. */
package dev.taskmesh.server.notification;
