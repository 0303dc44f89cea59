/** Accounts on the command side: the user aggregate and registration with unique emails and handles. */
package dev.taskmesh.command.account;
