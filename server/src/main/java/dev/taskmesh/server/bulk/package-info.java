/** The bulk import subcommand: seeds large data sets through the same commands as the HTTP path. */
package dev.taskmesh.server.bulk;
