/** Accounts: registration, profiles, password changes and resets, email verification, and the user id. */
package dev.taskmesh.api.account;
