/** Full-text search over a workspace's tasks: the query, its hits and their highlighted snippets. */
package dev.taskmesh.api.search;
