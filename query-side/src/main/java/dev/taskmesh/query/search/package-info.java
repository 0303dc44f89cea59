/**
 * Full-text search: the {@code search} processing group keeps one tsvector document per task (title, labels,
 * description, comments) and the title and label words for "did you mean"; {@link
 * dev.taskmesh.query.search.TaskSearch} answers queries over them. docs/architecture.md#search.
 */
package dev.taskmesh.query.search;
