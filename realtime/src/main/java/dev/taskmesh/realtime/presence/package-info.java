/** Who is on which stream and who is typing, shared between nodes through Redis; never stored, never replayed. */
package dev.taskmesh.realtime.presence;
