/** Comment read model: the paged comments of a task. */
package dev.taskmesh.query.comment;
