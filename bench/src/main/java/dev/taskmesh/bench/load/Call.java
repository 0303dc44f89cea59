package dev.taskmesh.bench.load;

/** One request of a workload; {@code index} numbers the requests of a step. False or an exception is an error. */
@FunctionalInterface
public interface Call {
    boolean run(long index) throws Exception;
}
