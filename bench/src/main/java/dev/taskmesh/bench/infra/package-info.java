/** What scenarios run on: PostgreSQL, Redis and the server process, started and stopped by the scenario. */
package dev.taskmesh.bench.infra;
