/** Project read model: the paged project list of a workspace. */
package dev.taskmesh.query.project;
