package dev.taskmesh.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageTest {

    @TempDir
    Path directory;

    @Test
    void storesAFileWithItsSizeAndDigestAndReadsItBack() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(directory.resolve("files"));
        String key = UUID.randomUUID().toString();

        AttachmentStorage.Stored stored = storage.put(key, stream("abc"), 1024);

        assertThat(stored.size()).isEqualTo(3);
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1)
        assertThat(stored.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        try (InputStream back = storage.open(key)) {
            assertThat(new String(back.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        }
        storage.delete(key);
        storage.delete(key); // again: nothing to do, no error
        assertThatThrownBy(() -> storage.open(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFileOverTheLimitLeavesNothingBehind() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(directory);
        String key = UUID.randomUUID().toString();

        assertThatThrownBy(() -> storage.put(key, stream("x".repeat(2_000)), 1_999))
                .isInstanceOf(AttachmentStorage.TooLargeException.class);

        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aKeyThatIsNotAPlainNameNamesNothing() throws IOException {
        Path store = directory.resolve("store");
        LocalFileStorage storage = new LocalFileStorage(store);
        Files.writeString(directory.resolve("secret"), "outside the store");

        for (String key : new String[] {"../secret", "..", "/etc/passwd", "a/b", "a\\b", "", "x".repeat(101), null}) {
            assertThatThrownBy(() -> storage.open(key)).as(key).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> storage.put(key, stream("overwrite"), 100))
                    .as(key)
                    .isInstanceOf(NoSuchFileException.class);
        }
        assertThat(Files.readString(directory.resolve("secret"))).isEqualTo("outside the store");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
