/** The runnable that composes the command side, query side and realtime, with embedded infrastructure for dev. */
package dev.taskmesh.server;
