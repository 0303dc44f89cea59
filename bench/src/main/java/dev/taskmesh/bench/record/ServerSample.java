package dev.taskmesh.bench.record;

/** What the server process used during a scenario: CPU (100 = one core busy), resident memory and heap. */
public record ServerSample(double cpuPercentAvg, double cpuPercentMax, double rssMbMax, double heapMbMax) {}
