/** The personal activity feed: what happened in the workspaces a user is in, newest first. */
package dev.taskmesh.api.feed;
