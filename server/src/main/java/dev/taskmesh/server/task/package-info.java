/** Task endpoints. */
package dev.taskmesh.server.task;
