package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.OwnClamd;
import dev.taskmesh.server.support.OwnS3;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The attachment flow as a cluster runs it: files in an S3-compatible bucket, scanned by a real clamd. Both are the
 * test's own (OwnS3, OwnClamd); the finding's name shows that clamd, not the built-in check, judged the file.
 */
class ClamdAndS3AttachmentsIT extends IntegrationTest {

    private static final byte[] EICAR =
            "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".getBytes(StandardCharsets.US_ASCII);

    private static OwnClamd clamd;
    private static OwnS3 s3;

    private User member;
    private String attachments;

    @BeforeAll
    static void startClamdAndS3() {
        clamd = OwnClamd.start(EICAR);
        s3 = OwnS3.start();
    }

    @AfterAll
    static void stopClamdAndS3() {
        if (s3 != null) {
            s3.close();
        }
        if (clamd != null) {
            clamd.close();
        }
    }

    @DynamicPropertySource
    static void clamdAndS3(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.attachments.clamd-host", () -> "127.0.0.1");
        registry.add("taskmesh.attachments.clamd-port", () -> clamd.port());
        registry.add("taskmesh.attachments.storage", () -> "s3");
        registry.add("taskmesh.attachments.s3.bucket", () -> OwnS3.BUCKET);
        registry.add("taskmesh.attachments.s3.region", () -> "us-east-1");
        registry.add("taskmesh.attachments.s3.endpoint", () -> s3.endpoint());
        registry.add("taskmesh.attachments.s3.path-style", () -> "true");
        registry.add("taskmesh.attachments.s3.access-key", () -> OwnS3.KEY);
        registry.add("taskmesh.attachments.s3.secret-key", () -> OwnS3.KEY);
    }

    @BeforeEach
    void aTask() {
        member = api.registerAndLogin("filer" + System.nanoTime() % 1_000_000);
        String workspace = api.createWorkspace(member, "Files");
        String project = api.createProject(member, workspace, "P");
        String task = expect(api.createTask(member, workspace, project, "Attach"), 201)
                .text("id");
        attachments = "/api/workspaces/" + workspace + "/tasks/" + task + "/attachments";
    }

    @Test
    void clamdRejectsTheEicarFile() {
        String file = expect(
                        api.upload(attachments, member.accessToken(), "file", "eicar.txt", "text/plain", EICAR), 202)
                .header("Location");

        assertThat(awaitStatus(file, "rejected").path("rejection").asString())
                .isEqualTo("Malware found: " + OwnClamd.FINDING + ".");
    }

    @Test
    void aCleanFileIsServedFromTheBucket() {
        byte[] content = "Budget 2027, draft 3\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String file = expect(
                        api.upload(attachments, member.accessToken(), "file", "budget.csv", "text/csv", content), 202)
                .header("Location");

        JsonNode clean = awaitStatus(file, "clean");

        Api.Response download = api.get(clean.path("downloadUrl").asString(), null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.rawBody()).isEqualTo(new String(content, StandardCharsets.UTF_8));
        assertThat(download.header("Content-Type")).startsWith("text/csv");
    }

    private JsonNode awaitStatus(String location, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> expect(api.get(location, member.accessToken()), 200)
                                .body(),
                        file -> status.equals(file.path("status").asString()));
    }
}
