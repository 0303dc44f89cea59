package dev.taskmesh.server.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL's COPY text format, as the bulk pass of a rebuild writes it. */
class CopyTextTest {

    @Test
    void columnsAreTabSeparatedAndNullIsBackslashN() {
        CopyText text = new CopyText();
        UUID id = UUID.fromString("9f0c1d7e-6a3b-4c2d-8e1f-0a1b2c3d4e5f");

        text.row(new Object[] {id, "title", null, 42L, true, Date.valueOf(LocalDate.of(2026, 12, 24))});

        assertThat(text.text()).isEqualTo(id + "\ttitle\t\\N\t42\tt\t2026-12-24\n");
        assertThat(text.size()).isOne();
    }

    @Test
    void theCharactersTheFormatGivesAMeaningAreEscaped() {
        CopyText text = new CopyText();

        text.row(new Object[] {"a\tb\nc\rd\\e \\N"});

        assertThat(text.text()).isEqualTo("a\\tb\\nc\\rd\\\\e \\\\N\n");
    }

    @Test
    void arrayElementsAreQuotedSoCommasBracesAndQuotesStayInside() {
        CopyText text = new CopyText();

        text.row(new Object[] {new String[] {"a,b", "{c}", "say \"hi\"", "back\\slash"}, new String[0]});

        assertThat(text.text()).isEqualTo("{\"a,b\",\"{c}\",\"say \\\\\"hi\\\\\"\",\"back\\\\\\\\slash\"}\t{}\n");
    }

    @Test
    void timestampsAreRoundedToTheMicrosecondAsPgjdbcBindsThem() {
        CopyText text = new CopyText();

        text.row(new Object[] {
            Timestamp.from(Instant.parse("2026-11-29T06:00:00.123456500Z")),
            Timestamp.from(Instant.parse("2026-11-29T06:00:00.123456499Z"))
        });

        assertThat(text.text()).isEqualTo("2026-11-29T06:00:00.123457Z\t2026-11-29T06:00:00.123456Z\n");
    }
}
