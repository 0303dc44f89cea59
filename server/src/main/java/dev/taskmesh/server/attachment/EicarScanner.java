package dev.taskmesh.server.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The scanner built in for deployments without ClamAV: it finds the EICAR anti-virus test file anywhere in a file, so
 * the whole rejection path can be tried, and nothing else. Production deployments configure clamd
 * ({@link ClamdScanner}).
 */
public final class EicarScanner implements AttachmentScanner {

    /** The EICAR test file's signature (the file is this string, optionally followed by whitespace). */
    static final byte[] SIGNATURE = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
            .getBytes(StandardCharsets.US_ASCII);

    static final String FINDING = "Eicar-Test-Signature";

    @Override
    public Verdict scan(InputStream content) throws IOException {
        // a streaming search (Knuth-Morris-Pratt) so a file of any size is read once, in constant memory
        int[] fallback = fallback(SIGNATURE);
        int matched = 0;
        byte[] buffer = new byte[8192];
        for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
            for (int i = 0; i < read; i++) {
                while (matched > 0 && buffer[i] != SIGNATURE[matched]) {
                    matched = fallback[matched - 1];
                }
                if (buffer[i] == SIGNATURE[matched]) {
                    matched++;
                }
                if (matched == SIGNATURE.length) {
                    return Verdict.infected(FINDING);
                }
            }
        }
        return Verdict.CLEAN;
    }

    private static int[] fallback(byte[] pattern) {
        int[] table = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = table[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }
}
