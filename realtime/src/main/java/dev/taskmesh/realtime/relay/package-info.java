/**
 * The relay: the one place positions are assigned. A tracking processor with a single segment, so exactly one node
 * relays at a time, stores each event's frames in the replay log in the transaction that advances its token, then
 * publishes them on the bus.
 */
package dev.taskmesh.realtime.relay;
