/** Workspaces and membership, the permission table and the membership port every side reads. */
package dev.taskmesh.api.workspace;
