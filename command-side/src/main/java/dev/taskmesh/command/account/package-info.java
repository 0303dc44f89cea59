/**
 * Accounts on the command side: the user aggregate, registration with unique emails and handles, and the changes
 * that write the account table and the account's events together (profile, password, verified address).
 */
package dev.taskmesh.command.account;
