package dev.taskmesh.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskmesh.server.support.OwnClamd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The clamd client against a real clamd, whose one signature sigtool built from the EICAR file. */
class ClamdScannerIT {

    private static OwnClamd clamd;

    @BeforeAll
    static void startClamd() {
        clamd = OwnClamd.start(EicarScanner.SIGNATURE);
    }

    @AfterAll
    static void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    @Test
    void theEicarFileIsFoundByItsSignatureName() throws IOException {
        Verdict verdict = clamd.scanner().scan(new ByteArrayInputStream(EicarScanner.SIGNATURE));

        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.finding()).isEqualTo(OwnClamd.FINDING);
    }

    @Test
    void theSignatureIsFoundDeepInsideALargeFileSentInManyChunks() throws IOException {
        byte[] file = new byte[3 * 1024 * 1024];
        Arrays.fill(file, (byte) 'a');
        System.arraycopy(EicarScanner.SIGNATURE, 0, file, 2_500_000, EicarScanner.SIGNATURE.length);

        assertThat(clamd.scanner().scan(new ByteArrayInputStream(file)).finding())
                .isEqualTo(OwnClamd.FINDING);
    }

    @Test
    void anOrdinaryFileIsClean() throws IOException {
        byte[] file = "Minutes of Monday's meeting\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        assertThat(clamd.scanner().scan(new ByteArrayInputStream(file))).isEqualTo(Verdict.CLEAN);
        assertThat(clamd.scanner().scan(InputStream.nullInputStream())).isEqualTo(Verdict.CLEAN);
    }

    @Test
    void aClamdThatCannotBeReachedPassesNothing() {
        ClamdScanner nowhere = new ClamdScanner("127.0.0.1", 1, Duration.ofSeconds(1));

        assertThatThrownBy(() -> nowhere.scan(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class);
        assertThat(nowhere.ping()).isFalse();
        assertThat(clamd.scanner().ping()).isTrue();
    }

    @Test
    void aReplyThatIsNeitherCleanNorFoundIsAnError() {
        assertThatThrownBy(() -> ClamdScanner.verdict("INSTREAM size limit exceeded. ERROR"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("size limit");
    }
}
