package dev.taskmesh.server.attachment;

import java.text.Normalizer;

/**
 * The name an uploaded file is shown under. Only the last part of what the browser sent is kept (some send a whole
 * path, and a hostile client sends {@code ../../etc/passwd}); the name is only ever shown and put in a download's
 * Content-Disposition, never used as a path, since files are stored under their attachment id.
 */
public final class FileNames {

    /** Code points kept; longer names are cut (most file systems stop at 255 bytes anyway). */
    static final int MAX_LENGTH = 255;

    private FileNames() {}

    /**
     * @throws IllegalArgumentException for a name with control characters (NUL, line breaks: they would split a
     *     header) or with nothing left once the directory parts are gone
     */
    public static String shown(String submitted) {
        if (submitted == null) {
            throw new IllegalArgumentException("the file part has no file name");
        }
        if (submitted.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the file name holds control characters");
        }
        String name = Normalizer.normalize(submitted, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("the file name is empty once its directory parts are removed");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
        }
        return name;
    }
}
