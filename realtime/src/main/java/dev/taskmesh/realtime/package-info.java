/**
 * Live delivery: events relayed over Redis pub/sub to every node and pushed to WebSocket clients. Built by the
 * realtime streams issue; the module exists now so that the module graph and its rules are in place from the start.
 */
package dev.taskmesh.realtime;
