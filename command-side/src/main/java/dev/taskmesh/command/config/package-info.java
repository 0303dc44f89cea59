/** Command-side plumbing shared by every feature: sending commands and reporting where their events landed. */
package dev.taskmesh.command.config;
