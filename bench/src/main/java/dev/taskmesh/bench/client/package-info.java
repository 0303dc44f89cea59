/** Clients of TaskMesh's public contract, as load generators use them. */
package dev.taskmesh.bench.client;
