package dev.taskmesh.server.attachment;

/**
 * What a scanner found in a file.
 *
 * @param finding null when clean; otherwise what was found (a signature's name), safe to show the uploader
 */
public record Verdict(String finding) {

    public static final Verdict CLEAN = new Verdict(null);

    public static Verdict infected(String finding) {
        return new Verdict(finding);
    }

    public boolean clean() {
        return finding == null;
    }
}
