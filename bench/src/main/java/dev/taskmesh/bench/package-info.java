/** The benchmark harness: one program, one scenario per run, results as JSON and in docs/benchmarks.md. */
package dev.taskmesh.bench;
