/**
 * Between nodes: frames and commit announcements over Redis pub/sub, and each node's ordered feed of frames, which
 * fills anything the bus lost from the replay log.
 */
package dev.taskmesh.realtime.bus;
