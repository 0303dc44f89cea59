package dev.taskmesh.server.attachment;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachment files live. Keys are chosen by the server (the attachment's id), never taken from an uploader's
 * file name, so no name can reach outside the store. The local file system is the default ({@link LocalFileStorage}); an S3-compatible bucket serves clusters
 * ({@link S3FileStorage}).
 */
public interface AttachmentStorage {

    /**
     * Stores {@code content} under {@code key}, reading at most {@code maxBytes}; a file only appears under its key
     * once it is whole.
     *
     * @throws TooLargeException when the content is longer than {@code maxBytes}; nothing is stored then
     */
    Stored put(String key, InputStream content, long maxBytes) throws IOException;

    /**
     * The file under {@code key}, to read and close.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored under it
     */
    InputStream open(String key) throws IOException;

    /** Removes the file under {@code key}; a missing one is not an error. */
    void delete(String key) throws IOException;

    /** What was stored: its size and its SHA-256, hex. */
    record Stored(long size, String sha256) {}

    /** The content was longer than allowed. */
    final class TooLargeException extends IOException {
        public TooLargeException(long maxBytes) {
            super("the file is larger than " + maxBytes + " bytes");
        }
    }
}
