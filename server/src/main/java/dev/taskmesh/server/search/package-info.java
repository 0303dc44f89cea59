/** {@code GET /api/workspaces/{ws}/search}: full-text search over the workspace's tasks. */
package dev.taskmesh.server.search;
