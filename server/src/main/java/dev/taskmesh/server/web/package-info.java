/** HTTP conventions every feature shares: problem types, check order, pagination, read-your-writes. */
package dev.taskmesh.server.web;
