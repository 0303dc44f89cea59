/** The task aggregate: every rule about a task is decided here. */
package dev.taskmesh.command.task;
