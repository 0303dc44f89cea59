package dev.taskmesh.server.attachment;

import dev.taskmesh.server.attachment.AttachmentStorage.Stored;
import dev.taskmesh.server.attachment.AttachmentStorage.TooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What every store shares: which keys are valid, and writing an upload to a file while counting and hashing it. */
final class StoredFiles {

    /** Letters, digits and dashes (an id): never a path. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,100}");

    private StoredFiles() {}

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** @throws NoSuchFileException for a key this server did not make: it names nothing in any store */
    static void requireKey(String key) throws NoSuchFileException {
        if (!isKey(key)) {
            throw new NoSuchFileException("not a storage key");
        }
    }

    /**
     * Copies {@code content} into {@code file}, stopping with {@link TooLargeException} past {@code maxBytes}: the
     * caller removes the file then.
     */
    static Stored write(InputStream content, Path file, long maxBytes) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long size = 0;
        try (InputStream in = new DigestInputStream(content, sha256);
                OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                size += read;
                if (size > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        }
        return new Stored(size, HexFormat.of().formatHex(sha256.digest()));
    }
}
