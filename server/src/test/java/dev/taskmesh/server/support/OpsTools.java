package dev.taskmesh.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.Arrays;

/**
 * The machine's tools some tests run: nginx, promtool, docker-compose, pg_dump and friends (the operations tests), npm
 * and Chromium (the web client's). A test that needs one is skipped where it is missing, unless the variable that
 * requires its kind is set (CI installs them and sets it), which makes the absence a failure.
 */
public final class OpsTools {

    private OpsTools() {}

    public static void require(String... commands) {
        requireWhen("TASKMESH_REQUIRE_OPS_TOOLS", commands);
    }

    /** Skips the test where one of {@code commands} is missing, or fails it when {@code variable} is set. */
    public static void requireWhen(String variable, String... commands) {
        String[] missing =
                Arrays.stream(commands).filter(command -> !onPath(command)).toArray(String[]::new);
        if (missing.length > 0 && System.getenv(variable) != null) {
            throw new IllegalStateException(
                    "Required (" + variable + ") but not installed: " + String.join(", ", missing));
        }
        assumeTrue(missing.length == 0, "not installed: " + String.join(", ", missing));
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
