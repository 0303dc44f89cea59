/** How the server composes the query side, and the switch that turns it off on a node. */
package dev.taskmesh.query.config;
