package dev.taskmesh.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void aPlainNameIsKeptAsItIs() {
        assertThat(FileNames.shown("Quarterly report (final).pdf")).isEqualTo("Quarterly report (final).pdf");
    }

    @Test
    void directoryPartsAreDropped() {
        assertThat(FileNames.shown("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.shown("C:\\Users\\ann\\notes.txt")).isEqualTo("notes.txt");
        assertThat(FileNames.shown("/var/tmp/..\\..\\boot.ini")).isEqualTo("boot.ini");
    }

    @Test
    void nothingButDirectoriesIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> FileNames.shown("../"));
        assertThatIllegalArgumentException().isThrownBy(() -> FileNames.shown(".."));
        assertThatIllegalArgumentException().isThrownBy(() -> FileNames.shown("   "));
        assertThatIllegalArgumentException().isThrownBy(() -> FileNames.shown(null));
    }

    @Test
    void controlCharactersAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> FileNames.shown("a\u0000.txt"));
        assertThatIllegalArgumentException().isThrownBy(() -> FileNames.shown("a\r\nSet-Cookie: x.txt"));
    }

    @Test
    void longNamesAreCutWithoutSplittingACharacter() {
        String name = "😀".repeat(300);

        String shown = FileNames.shown(name);

        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(FileNames.MAX_LENGTH);
        assertThat(shown).isEqualTo("😀".repeat(FileNames.MAX_LENGTH));
    }

    @Test
    void unicodeIsKeptInItsComposedForm() {
        assertThat(FileNames.shown("Cafe\u0301.txt")).isEqualTo("Café.txt");
    }
}
