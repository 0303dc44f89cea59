/** The comment aggregate, with the rules for who edits and deletes, and @mention resolution. */
package dev.taskmesh.command.comment;
