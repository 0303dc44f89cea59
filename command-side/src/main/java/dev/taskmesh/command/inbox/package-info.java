/** A user's inbox on the command side: read marks and notification preferences, as events. */
package dev.taskmesh.command.inbox;
