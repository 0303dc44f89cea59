package dev.taskmesh.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EicarScannerTest {

    private final EicarScanner scanner = new EicarScanner();

    @Test
    void findsTheTestFileAloneAndAnywhereInsideAnother() throws IOException {
        assertThat(scan(EicarScanner.SIGNATURE).finding()).isEqualTo("Eicar-Test-Signature");
        // across the scanner's read buffers, after a near miss that shares the signature's first characters
        byte[] file = new byte[100_000];
        Arrays.fill(file, (byte) 'x');
        System.arraycopy(EicarScanner.SIGNATURE, 0, file, 8_000, 20);
        System.arraycopy(EicarScanner.SIGNATURE, 0, file, 8_180, EicarScanner.SIGNATURE.length);
        assertThat(scan(file).clean()).isFalse();
    }

    @Test
    void passesFilesWithoutIt() throws IOException {
        byte[] almost = Arrays.copyOf(EicarScanner.SIGNATURE, EicarScanner.SIGNATURE.length - 1);
        assertThat(scan(almost)).isEqualTo(Verdict.CLEAN);
        assertThat(scan(new byte[0])).isEqualTo(Verdict.CLEAN);
    }

    private Verdict scan(byte[] file) throws IOException {
        return scanner.scan(new ByteArrayInputStream(file));
    }
}
