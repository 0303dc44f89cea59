/** The files of each task as clients list them, with where each is in its checks (docs/security.md#attachments). */
package dev.taskmesh.query.attachment;
