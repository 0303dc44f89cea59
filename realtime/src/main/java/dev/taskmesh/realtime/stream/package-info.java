/** Streams and their replay log: names, which streams an event belongs to, and the frames stored per position. */
package dev.taskmesh.realtime.stream;
