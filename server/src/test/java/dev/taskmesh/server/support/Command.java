package dev.taskmesh.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A command a test runs to its end (a script, a tool): how it exited and what it printed, output and errors together.
 * The caller sets its arguments, directory and environment; a command that runs over two minutes is killed and fails
 * the test.
 */
public record Command(int exit, String output) {

    public static Command run(ProcessBuilder builder) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", builder.command()) + " ran over two minutes");
            }
            return new Command(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
