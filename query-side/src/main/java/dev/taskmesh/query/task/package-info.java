/** Task read model: the task views that detail pages and boards read. */
package dev.taskmesh.query.task;
