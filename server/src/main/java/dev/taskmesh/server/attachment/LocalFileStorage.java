package dev.taskmesh.server.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Attachments as files under one directory, one file per key. A file is written to a temporary name and moved under
 * its key only when whole, so a reader never sees half an upload, and a key must be a plain name (letters, digits and
 * dashes: an id), so it can never name a path outside the directory.
 */
public final class LocalFileStorage implements AttachmentStorage {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,100}");

    private final Path root;

    public LocalFileStorage(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public Stored put(String key, InputStream content, long maxBytes) throws IOException {
        Path target = path(key);
        Path partial = Files.createTempFile(root, ".upload-", ".part");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (InputStream in = new DigestInputStream(content, sha256);
                    OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    size += read;
                    if (size > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Stored(size, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    private Path path(String key) throws NoSuchFileException {
        if (key == null || !KEY.matcher(key).matches()) {
            // not a key this server made: it names nothing here
            throw new NoSuchFileException("not a storage key");
        }
        return root.resolve(key);
    }
}
