/** Accounts: registration, the user id and what other people see of a user. */
package dev.taskmesh.api.account;
