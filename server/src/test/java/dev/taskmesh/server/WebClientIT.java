package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Command;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.OpsTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web client, as a browser gets it: its page at / and at the paths of the links in emails, with a content policy
 * that allows this origin only, its hashed assets cached for a year; and the browser tests of web/e2e, two people in
 * Debian's Chromium working on one live board against this server (screenshots in server/target/e2e).
 */
class WebClientIT extends IntegrationTest {

    private static final Path WEB = Path.of("..", "web");
    private static final String REQUIRED = "TASKMESH_REQUIRE_WEB_CLIENT";

    @Test
    void thePageIsServedWhereTheClientAndTheEmailLinksRouteWithAPolicyForThisOriginOnly() {
        Api.Response page = expect(api.get("/", null), 200);
        requireBuiltClient(page);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        for (String link :
                new String[] {"/account/reset-password", "/invitations/7d3c0b3e-6a4e-4b55-9d59-2f4f7f1c4a11"}) {
            assertThat(expect(api.get(link, null), 200).rawBody()).isEqualTo(page.rawBody());
        }

        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.rawBody());
        assertThat(script.find()).as("the page names its script").isTrue();
        Api.Response asset = expect(api.get(script.group(1), null), 200);
        assertThat(asset.header("Content-Type")).startsWith("text/javascript");
        assertThat(asset.header("Cache-Control")).contains("max-age=31536000", "immutable");

        // the API keeps its own policy: nothing may load or frame a JSON answer
        assertThat(api.get("/api/workspaces", null).header("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void twoPeopleWorkOnOneLiveBoardInTheirBrowsers() throws Exception {
        OpsTools.requireWhen(REQUIRED, "npm", "chromium");
        requireBuiltClient(expect(api.get("/", null), 200));
        Path artifacts = Path.of("target", "e2e").toAbsolutePath();
        Files.createDirectories(artifacts);

        ProcessBuilder e2e = new ProcessBuilder("npm", "run", "e2e").directory(WEB.toFile());
        e2e.environment().put("TASKMESH_BASE_URL", api.base());
        e2e.environment().put("TASKMESH_E2E_ARTIFACTS", artifacts.toString());
        Command run = Command.run(e2e);

        assertThat(run.exit()).as("npm run e2e:%n%s", run.output()).isZero();
        // the exit code alone would pass a file whose tests were never collected
        assertThat(run.output()).containsPattern("ℹ pass [1-9]").contains("ℹ fail 0");
        assertThat(artifacts.resolve("board.png")).isNotEmptyFile();
    }

    /** A build without npm has no client: its / says so, and these tests are skipped unless CI requires the client. */
    private static void requireBuiltClient(Api.Response page) {
        boolean built = page.rawBody().contains("<div id=\"app\">");
        if (!built && System.getenv(REQUIRED) != null) {
            throw new IllegalStateException("Required (" + REQUIRED + ") but this build has no web client: " + page);
        }
        assumeTrue(built, "this build has no web client (no npm when it was built)");
    }
}
