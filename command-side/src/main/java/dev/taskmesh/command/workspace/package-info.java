/** The workspace aggregate: creation and membership rules. */
package dev.taskmesh.command.workspace;
