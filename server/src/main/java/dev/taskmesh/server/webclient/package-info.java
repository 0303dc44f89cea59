/**
 * The browser's way in: the web client's page at {@code /} and at the paths of the links in emails, its hashed
 * assets with long caching, and, when the client was built without npm, a page that says so.
 */
package dev.taskmesh.server.webclient;
