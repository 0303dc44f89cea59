/**
 * The scenarios: the raw-infrastructure yardstick, the write path and realtime broadcast, each reproducible with one
 * command.
 */
package dev.taskmesh.bench.scenario;
