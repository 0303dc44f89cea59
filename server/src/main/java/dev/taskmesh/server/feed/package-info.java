/** The personal activity feed over HTTP. */
package dev.taskmesh.server.feed;
