package dev.taskmesh.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Types are judged by the bytes: a name or a declared type never makes a file what it is not. */
class ContentPolicyTest {

    private static final byte[] PNG =
            bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R');
    private static final byte[] PDF = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] WINDOWS_PROGRAM = windowsProgram();
    private static final byte[] LINUX_PROGRAM = bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0);

    private final ContentPolicy policy = new ContentPolicy();

    @Test
    void acceptsFilesThatAreWhatTheySayTheyAre() throws IOException {
        assertThat(judge(PNG, "image/png", "diagram.png").accepted()).isTrue();
        assertThat(judge(PDF, "application/pdf", "spec.pdf").accepted()).isTrue();
        assertThat(judge(text("a,b\n1,2\n"), "text/csv", "numbers.csv").accepted())
                .isTrue();
        assertThat(judge(text("notes"), "text/plain", "notes.txt").accepted()).isTrue();
        // browsers send octet-stream when they do not know: the sniffed type stands
        ContentPolicy.Decision unknown = judge(PDF, "application/octet-stream", "spec");
        assertThat(unknown.accepted()).isTrue();
        assertThat(unknown.detectedType()).isEqualTo("application/pdf");
    }

    @Test
    void refusesAFileDeclaredAsAnotherType() throws IOException {
        ContentPolicy.Decision pdfAsImage = judge(PDF, "image/png", "diagram.png");

        assertThat(pdfAsImage.accepted()).isFalse();
        assertThat(pdfAsImage.detectedType()).isEqualTo("application/pdf");
        assertThat(pdfAsImage.refusal()).contains("image/png", "application/pdf");
    }

    @Test
    void refusesAZipBombDeclaredAsAnImageWithoutUnpackingIt() throws IOException {
        // a kilobyte that unpacks to 100 MB of zeros: only its first bytes are read, so it is never unpacked
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("zeros"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(bomb.size()).isLessThan(200 * 1024);

        ContentPolicy.Decision decision = judge(bomb.toByteArray(), "image/png", "kitten.png");

        assertThat(decision.accepted()).isFalse();
        assertThat(decision.detectedType()).isEqualTo("application/zip");
    }

    @Test
    void refusesProgramsAndScriptsWhateverTheyAreCalledOrDeclaredAs() throws IOException {
        assertThat(judge(WINDOWS_PROGRAM, "image/png", "holiday.png").accepted())
                .isFalse();
        assertThat(judge(WINDOWS_PROGRAM, "application/x-msdownload", "setup.exe")
                        .accepted())
                .isFalse();
        assertThat(judge(LINUX_PROGRAM, "application/octet-stream", "tool").accepted())
                .isFalse();
        assertThat(judge(text("#!/bin/sh\nrm -rf ~\n"), "text/plain", "readme.txt")
                        .accepted())
                .isFalse();
    }

    @Test
    void aDeclaredTypeThatIsNotAMediaTypeIsRefused() throws IOException {
        assertThat(judge(PNG, "not a type", "a.png").accepted()).isFalse();
    }

    private ContentPolicy.Decision judge(byte[] content, String declared, String name) throws IOException {
        return policy.judge(new ByteArrayInputStream(content), declared, name);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The start of a Windows program: the MZ header, its pointer to the PE header, and that header. */
    private static byte[] windowsProgram() {
        byte[] file = new byte[256];
        file[0] = 'M';
        file[1] = 'Z';
        file[0x3C] = (byte) 0x80;
        file[0x80] = 'P';
        file[0x81] = 'E';
        return file;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
