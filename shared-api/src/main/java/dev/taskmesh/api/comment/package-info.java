/** Comments on tasks, with @handle mentions resolved to members. */
package dev.taskmesh.api.comment;
