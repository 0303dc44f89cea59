package dev.taskmesh.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskmesh.server.attachment.AttachmentStorage.Stored;
import dev.taskmesh.server.attachment.AttachmentStorage.TooLargeException;
import dev.taskmesh.server.support.OwnS3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 store against a real S3-compatible server, configured the way the server configures it. */
class S3FileStorageIT {

    private static OwnS3 s3;
    private static S3FileStorage storage;

    @BeforeAll
    static void startS3() {
        s3 = OwnS3.start();
        storage = S3FileStorage.of(s3.settings());
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aFileComesBackAsItWentInWithItsSizeAndHash() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        String key = UUID.randomUUID().toString();

        Stored stored = storage.put(key, new ByteArrayInputStream(content), content.length);

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        try (InputStream back = storage.open(key)) {
            assertThat(back.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aFileOverTheLimitLeavesNothing() {
        String key = UUID.randomUUID().toString();

        assertThatThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[1001]), 1000))
                .isInstanceOf(TooLargeException.class);

        assertThatThrownBy(() -> storage.open(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aDeletedFileIsGoneAndDeletingAgainIsNoError() throws IOException {
        String key = UUID.randomUUID().toString();
        storage.put(key, new ByteArrayInputStream("x".getBytes()), 10);

        storage.delete(key);
        storage.delete(key);

        assertThatThrownBy(() -> storage.open(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void onlyServerMadeKeysNameAnything() {
        assertThatThrownBy(() -> storage.open("../" + OwnS3.BUCKET)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> storage.put("a/b", new ByteArrayInputStream(new byte[1]), 10))
                .isInstanceOf(NoSuchFileException.class);
    }
}
