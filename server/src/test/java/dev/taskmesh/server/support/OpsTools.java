package dev.taskmesh.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.Arrays;

/**
 * The operations tools some tests run: nginx, promtool, docker-compose, pg_dump and friends, all Debian packages.
 * A test that needs one is skipped where it is missing, unless TASKMESH_REQUIRE_OPS_TOOLS is set (CI installs them),
 * which makes the absence a failure.
 */
public final class OpsTools {

    private OpsTools() {}

    public static void require(String... commands) {
        String[] missing =
                Arrays.stream(commands).filter(command -> !onPath(command)).toArray(String[]::new);
        if (missing.length > 0 && System.getenv("TASKMESH_REQUIRE_OPS_TOOLS") != null) {
            throw new IllegalStateException(
                    "Required (TASKMESH_REQUIRE_OPS_TOOLS) but not installed: " + String.join(", ", missing));
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
