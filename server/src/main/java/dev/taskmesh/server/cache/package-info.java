/** The Redis cache of list pages that many members read and few events change. */
package dev.taskmesh.server.cache;
