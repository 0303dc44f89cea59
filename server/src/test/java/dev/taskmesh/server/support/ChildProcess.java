package dev.taskmesh.server.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A server a test runs as a child process (clamd, s3rver): awaited with a deadline, stopped gently, then not. */
final class ChildProcess {

    private ChildProcess() {}

    /**
     * Polls {@code ready} until it holds; stops the process and fails, naming {@code log}, when the process dies or
     * {@code within} passes first.
     */
    static void awaitReady(Process process, BooleanSupplier ready, Duration within, String name, Path log) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop(process);
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            try {
                Thread.sleep(100); // a server loads, then listens: polled, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                throw new IllegalStateException(e);
            }
        }
    }

    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
