/** Authentication: registration and login over HTTP, JWT access tokens, rotating refresh tokens, the bearer filter. */
package dev.taskmesh.server.auth;
