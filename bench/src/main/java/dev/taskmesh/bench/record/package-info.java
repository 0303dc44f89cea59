/** Recording (HdrHistogram, corrected for coordinated omission) and the JSON result schema. */
package dev.taskmesh.bench.record;
