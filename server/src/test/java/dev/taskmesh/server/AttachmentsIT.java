package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.attachment.AttachmentProperties;
import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The attachment flow end to end, with the built-in scanner: upload, scan, signed download, expiry, rejection, and
 * the hostile uploads (traversal names, lying types, oversized bodies). The limit is 1 MB and links live 3 seconds
 * here, so both can be crossed quickly.
 */
class AttachmentsIT extends IntegrationTest {

    private static final byte[] EICAR =
            "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTES = "Minutes of Monday's meeting\n".getBytes(StandardCharsets.UTF_8);

    @Autowired
    private AttachmentProperties properties;

    private User owner;
    private User member;
    private User viewer;
    private String workspace;
    private String task;
    private String attachments;
    /** What earlier tests left in the store: each test looks only at what it added. */
    private List<String> before;

    @DynamicPropertySource
    static void attachments(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.attachments.max-size", () -> "1MB");
        registry.add("taskmesh.attachments.link-lifetime", () -> "3s");
    }

    @BeforeEach
    void aTaskToAttachTo() {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        owner = api.registerAndLogin("owner" + suffix);
        member = api.registerAndLogin("member" + suffix);
        viewer = api.registerAndLogin("viewer" + suffix);
        workspace = api.createWorkspace(owner, "Files");
        expect(api.addMember(owner, workspace, member, "member"), 201);
        expect(api.addMember(owner, workspace, viewer, "viewer"), 201);
        String project = api.createProject(owner, workspace, "P");
        task = expect(api.createTask(owner, workspace, project, "Review the minutes"), 201)
                .text("id");
        attachments = "/api/workspaces/" + workspace + "/tasks/" + task + "/attachments";
        before = stored();
    }

    @Test
    void aCleanFileIsDownloadableThroughItsLinkWithoutTheToken() {
        Api.Response uploaded = expect(upload(member, "notes.txt", "text/plain", NOTES), 202);
        assertThat(uploaded.header("Location")).isEqualTo(attachments + "/" + uploaded.text("id"));

        JsonNode file = awaitStatus(member, uploaded.header("Location"), "clean");
        assertThat(file.path("fileName").asString()).isEqualTo("notes.txt");
        assertThat(file.path("contentType").asString()).isEqualTo("text/plain");
        assertThat(file.path("size").asLong()).isEqualTo(NOTES.length);
        assertThat(file.path("sha256").asString()).isEqualTo(sha256(NOTES));
        assertThat(file.path("uploadedBy").asString()).isEqualTo(member.id());

        Api.Response download = api.get(file.path("downloadUrl").asString(), null);

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.rawBody()).isEqualTo(new String(NOTES, StandardCharsets.UTF_8));
        assertThat(download.header("Content-Disposition"))
                .startsWith("attachment;")
                .contains("notes.txt");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Type")).startsWith("text/plain");
        assertThat(download.header("Cache-Control")).contains("no-store");
        // the list answers the same file, with a link of its own for the caller
        JsonNode listed =
                expect(api.get(attachments, owner.accessToken()), 200).body().path("items");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("downloadUrl").asString()).contains("user=" + owner.id());
    }

    @Test
    void theEicarFileIsRejectedDeletedAndTheUploaderToldLiveAndInTheInbox() {
        try (StreamClient stream = StreamClient.connect(api.base(), member.accessToken())) {
            stream.subscribe("task:" + task, null);

            Api.Response uploaded = expect(upload(member, "invoice.txt", "text/plain", EICAR), 202);

            JsonNode file = awaitStatus(member, uploaded.header("Location"), "rejected");
            assertThat(file.path("rejection").asString()).isEqualTo("Malware found: Eicar-Test-Signature.");
            assertThat(file.path("downloadUrl").isNull()).isTrue();
            JsonNode frame = stream.awaitFrame(
                    f -> "AttachmentRejected".equals(f.path("eventType").asString()));
            assertThat(frame.path("data").path("attachmentId").asString()).isEqualTo(uploaded.text("id"));
            assertThat(frame.path("data").path("reason").asString()).contains("Eicar-Test-Signature");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(added()).doesNotContain(uploaded.text("id")));
            JsonNode told = await().atMost(Duration.ofSeconds(10))
                    .until(() -> notification(member, "attachment-rejected"), found -> found != null);
            assertThat(told.path("excerpt").asString()).isEqualTo("invoice.txt: Malware found: Eicar-Test-Signature.");
        }
    }

    @Test
    void aFileWhoseBytesBelieItsDeclaredTypeIsRejected() {
        byte[] program = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        String elf =
                expect(upload(member, "holiday.png", "image/png", program), 202).header("Location");
        String bomb = expect(upload(member, "bomb.png", "image/png", zip), 202).header("Location");

        assertThat(awaitStatus(member, elf, "rejected").path("rejection").asString())
                .startsWith("Programs and scripts cannot be attached");
        assertThat(awaitStatus(member, bomb, "rejected").path("rejection").asString())
                .isEqualTo("The file was declared as image/png but its content is application/zip.");
    }

    @Test
    void aLinkExpiresAndWorksForNoOtherFileOrUser() {
        String first = awaitStatus(
                        member, upload(member, "a.txt", "text/plain", NOTES).header("Location"), "clean")
                .path("downloadUrl")
                .asString();
        JsonNode second =
                awaitStatus(member, upload(member, "b.txt", "text/plain", NOTES).header("Location"), "clean");
        assertThat(api.get(first, null).status()).isEqualTo(200);

        String moved = first.replaceFirst(
                "/files/[^/]+/[^?]+",
                "/files/" + workspace + "/" + second.path("id").asString());
        String forged = first.replaceFirst("user=[^&]+", "user=" + owner.id());
        String altered = first.replaceFirst("signature=.", "signature=A");
        String later = first.replaceFirst("expires=(\\d+)", "expires=9$1");
        for (String link : List.of(moved, forged, altered, later, first.substring(0, first.indexOf('?')))) {
            Api.Response refused = api.get(link, null);
            assertThat(refused.status()).as(link).isEqualTo(404);
            assertThat(refused.rawBody()).as(link).doesNotContain("a.txt", "b.txt", "Minutes");
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(first, null).status() == 404);
    }

    @Test
    void aLinkEndsWithItsUsersMembership() {
        String link = awaitStatus(
                        member, upload(member, "a.txt", "text/plain", NOTES).header("Location"), "clean")
                .path("downloadUrl")
                .asString();

        expect(api.delete("/api/workspaces/" + workspace + "/members/" + member.id(), owner.accessToken()), 200);

        assertThat(api.get(link, null).status()).isEqualTo(404);
    }

    @Test
    void aTraversalNameIsOnlyShownAndNothingLandsOutsideTheStore() throws IOException {
        Api.Response uploaded = expect(upload(member, "../../../../etc/passwd", "text/plain", NOTES), 202);

        JsonNode file = awaitStatus(member, uploaded.header("Location"), "clean");

        assertThat(file.path("fileName").asString()).isEqualTo("passwd");
        assertThat(added()).containsExactly(uploaded.text("id"));
        assertThat(api.get(file.path("downloadUrl").asString(), null).header("Content-Disposition"))
                .contains("filename=\"passwd\"");
        assertThat(Files.readString(Path.of("/etc/passwd"))).doesNotContain("Minutes of Monday");
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndLeavesNothing() {
        Api.Response refused = upload(member, "big.txt", "text/plain", new byte[1024 * 1024 + 1]);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.problemType()).isEqualTo("payload-too-large");
        assertThat(added()).isEmpty();
        assertThat(expect(api.get(attachments, member.accessToken()), 200)
                        .body()
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void badUploadsGetClearErrorsInTheUsualOrder() {
        assertThat(upload(viewer, "a.txt", "text/plain", NOTES).status()).isEqualTo(403);
        Api.Response json = api.post(attachments, member.accessToken(), Map.of("file", "x"));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.problemType()).isEqualTo("unsupported-media-type");
        assertThat(api.upload(attachments, member.accessToken(), "other", "a.txt", "text/plain", NOTES)
                        .problemType())
                .isEqualTo("validation-failed");
        assertThat(upload(member, "empty.txt", "text/plain", new byte[0]).problemType())
                .isEqualTo("validation-failed");
        assertThat(upload(member, "..", "text/plain", NOTES).problemType()).isEqualTo("validation-failed");
        String elsewhere = "/api/workspaces/" + workspace + "/tasks/" + java.util.UUID.randomUUID() + "/attachments";
        assertThat(api.upload(elsewhere, member.accessToken(), "file", "a.txt", "text/plain", NOTES)
                        .status())
                .isEqualTo(404);
        assertThat(added()).isEmpty();
    }

    @Test
    void removingAFileOrItsTaskDeletesItAndEndsItsLinks() {
        JsonNode kept =
                awaitStatus(member, upload(member, "a.txt", "text/plain", NOTES).header("Location"), "clean");
        JsonNode removed =
                awaitStatus(member, upload(member, "b.txt", "text/plain", NOTES).header("Location"), "clean");

        Api.Response removal =
                expect(api.delete(attachments + "/" + removed.path("id").asString(), member.accessToken()), 200);
        assertThat(removal.text("id")).isEqualTo(removed.path("id").asString());
        assertThat(api.get(removed.path("downloadUrl").asString(), null).status())
                .isEqualTo(404);
        assertThat(ids(expect(api.get(attachments + "?minPosition=" + position(removal), member.accessToken()), 200)))
                .containsExactly(kept.path("id").asString());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(added()).containsExactly(kept.path("id").asString()));

        Api.Response taskDeleted =
                expect(api.delete("/api/workspaces/" + workspace + "/tasks/" + task, owner.accessToken()), 200);

        assertThat(api.get(kept.path("downloadUrl").asString(), null).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(added()).isEmpty());
        assertThat(api.get(attachments + "?minPosition=" + position(taskDeleted), member.accessToken())
                        .status())
                .isEqualTo(404);
    }

    private Api.Response upload(User user, String fileName, String type, byte[] content) {
        return api.upload(attachments, user.accessToken(), "file", fileName, type, content);
    }

    /** The file once its scan has been recorded and read back. */
    private JsonNode awaitStatus(User user, String location, String status) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> expect(api.get(location, user.accessToken()), 200).body(),
                        file -> status.equals(file.path("status").asString()));
    }

    private JsonNode notification(User user, String kind) {
        for (JsonNode item : expect(api.get("/api/me/notifications", user.accessToken()), 200)
                .body()
                .path("items")) {
            if (kind.equals(item.path("kind").asString())) {
                return item;
            }
        }
        return null;
    }

    /** The files this test added to the store and that are still there. */
    private List<String> added() {
        return stored().stream().filter(key -> !before.contains(key)).toList();
    }

    /** The keys in the store, leaving out uploads still being written. */
    private List<String> stored() {
        try (Stream<Path> files = Files.list(properties.directory())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> ids(Api.Response list) {
        return list.body()
                .path("items")
                .valueStream()
                .map(item -> item.path("id").asString())
                .toList();
    }

    private static long position(Api.Response write) {
        return write.body().path("globalPosition").asLong();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
