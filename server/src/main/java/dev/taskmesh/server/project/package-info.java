/** Project endpoints. */
package dev.taskmesh.server.project;
