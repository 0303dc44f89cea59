/** Tasks: their commands, events, status and views. */
package dev.taskmesh.api.task;
