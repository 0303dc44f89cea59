/** How the server composes the query side (and the switch that turns it off on a node), and keyset paging. */
package dev.taskmesh.query.config;
