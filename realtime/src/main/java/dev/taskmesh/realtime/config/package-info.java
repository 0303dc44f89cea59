/** How the server composes realtime: its beans, the relay's processor, the WebSocket endpoint and its settings. */
package dev.taskmesh.realtime.config;
