package dev.taskmesh.server.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Which files may be attached, judged by their bytes: Apache Tika sniffs the type from the content's magic numbers
 * (the name only refines a type the bytes leave open, such as text), and it must agree with the type the uploader
 * declared. Programs and scripts are refused whatever they are called. Nothing is ever unpacked or parsed, so an
 * archive built to explode when unpacked (a zip bomb) costs nothing here: declared as an image, it is refused for not
 * being one.
 */
public final class ContentPolicy {

    /** What runs when opened: refused even when declared as what it is. */
    private static final Set<String> REFUSED = Set.of(
            "application/x-msdownload",
            "application/x-dosexec",
            "application/vnd.microsoft.portable-executable",
            "application/x-ms-installer",
            "application/x-msi",
            "application/x-executable",
            "application/x-elf",
            "application/x-sharedlib",
            "application/x-mach-o",
            "application/x-mach-o-executable",
            "application/x-sh",
            "application/x-csh",
            "text/x-sh",
            "application/x-bat",
            "application/java-archive",
            "application/java-vm",
            "application/x-java-applet");

    private static final MediaType UNKNOWN = MediaType.OCTET_STREAM;

    private final Detector detector;
    private final MediaTypeRegistry registry;

    public ContentPolicy() {
        TikaConfig tika = TikaConfig.getDefaultConfig();
        this.detector = tika.getDetector();
        this.registry = tika.getMediaTypeRegistry();
    }

    /** The outcome: the sniffed type, and why the file is refused (null when accepted). */
    public record Decision(String detectedType, String refusal) {

        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Judges a file. Reads only the start of {@code content} (the caller closes it).
     *
     * @param declaredType the Content-Type the uploader sent for the file
     * @param fileName the name it was sent with, used only where the bytes do not decide
     */
    public Decision judge(InputStream content, String declaredType, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        MediaType detected;
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            detected = registry.normalize(detector.detect(stream, metadata)).getBaseType();
        }
        if (refused(detected)) {
            return new Decision(detected.toString(), "Programs and scripts cannot be attached (" + detected + ").");
        }
        MediaType declared = MediaType.parse(declaredType == null ? "" : declaredType);
        if (declared == null) {
            return new Decision(detected.toString(), "The declared type is not a media type.");
        }
        declared = registry.normalize(declared.getBaseType());
        if (!compatible(declared, detected)) {
            return new Decision(
                    detected.toString(),
                    "The file was declared as " + declared + " but its content is " + detected + ".");
        }
        return new Decision(detected.toString(), null);
    }

    private boolean refused(MediaType type) {
        for (MediaType t = type; t != null; t = registry.getSupertype(t)) {
            if (REFUSED.contains(t.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The same type, one a kind of the other (CSV is text), or nothing declared (a browser's octet-stream). */
    private boolean compatible(MediaType declared, MediaType detected) {
        return declared.equals(detected)
                || declared.equals(UNKNOWN)
                || registry.isSpecializationOf(declared, detected)
                || registry.isSpecializationOf(detected, declared);
    }
}
