package dev.taskmesh.server.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Attachments as files under one directory, one file per key. A file is written to a temporary name and moved under
 * its key only when whole, so a reader never sees half an upload, and a key must be a plain name (letters, digits and
 * dashes: an id), so it can never name a path outside the directory.
 */
public final class LocalFileStorage implements AttachmentStorage {

    private final Path root;

    public LocalFileStorage(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public Stored put(String key, InputStream content, long maxBytes) throws IOException {
        Path target = path(key);
        Path partial = Files.createTempFile(root, ".upload-", ".part");
        try {
            Stored stored = StoredFiles.write(content, partial, maxBytes);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return stored;
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
        StoredFiles.requireKey(key);
        return root.resolve(key);
    }
}
