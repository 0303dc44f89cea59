package dev.taskmesh.server.attachment;

import java.io.IOException;
import java.io.InputStream;

/**
 * Looks for malware in a file before anyone may download it. A scanner that cannot answer throws: the file then stays
 * unavailable and is scanned again, never passed unscanned.
 */
public interface AttachmentScanner {

    /** Reads {@code content} to its end (the caller closes it). */
    Verdict scan(InputStream content) throws IOException;
}
