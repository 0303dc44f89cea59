/**
 * Running TaskMesh: what an operator sees of a node (metrics beyond each feature's own, the log context of every line,
 * health and readiness) and how a node leaves a cluster (drain on shutdown).
 */
package dev.taskmesh.server.operations;
