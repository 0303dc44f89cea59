/** Load drivers: open loop at a fixed arrival rate, closed loop at a fixed concurrency. */
package dev.taskmesh.bench.load;
