/** The project aggregate and the command side's registry of projects that task rules consult. */
package dev.taskmesh.command.project;
