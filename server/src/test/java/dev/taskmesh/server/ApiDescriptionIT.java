package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docs/api.md and the served OpenAPI description list the same endpoints: neither may drift from the code. */
class ApiDescriptionIT extends IntegrationTest {

    private static final Pattern DOCUMENTED_ROW =
            Pattern.compile("^\\| `(GET|POST|PATCH|PUT|DELETE) (/(?:api|admin|files)/\\S+)` \\|");

    @Test
    void theDocumentedEndpointsAreExactlyTheServedOnes() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "api.md"))) {
            Matcher row = DOCUMENTED_ROW.matcher(line);
            if (row.find()) {
                documented.add(row.group(1) + " " + row.group(2));
            }
        }

        JsonNode paths = expect(api.get("/v3/api-docs", null), 200).body().path("paths");
        Set<String> served = new TreeSet<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                served.add(method.toUpperCase() + " " + path);
            }
        }

        assertThat(documented).isNotEmpty().isEqualTo(served);
    }
}
