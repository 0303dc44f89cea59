/** The authoritative membership table, its port implementation and the workspace and member endpoints. */
package dev.taskmesh.server.membership;
