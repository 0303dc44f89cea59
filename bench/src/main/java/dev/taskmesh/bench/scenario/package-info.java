/** The scenarios: the raw-infrastructure yardstick and the write path, each reproducible with one command. */
package dev.taskmesh.bench.scenario;
