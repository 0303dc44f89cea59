/** Frames that do not come from events: inbox changes pushed on a user's stream. */
package dev.taskmesh.realtime.push;
