/** Projects, which group a workspace's tasks. */
package dev.taskmesh.api.project;
