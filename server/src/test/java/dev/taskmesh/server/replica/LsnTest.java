package dev.taskmesh.server.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

    @Test
    void anLsnIsItsTwoHalvesAsOneNumberSoThatTheirDifferenceIsBytes() {
        assertThat(Lsn.parse("0/3016038")).isEqualTo(0x3016038L);
        assertThat(Lsn.parse("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(Lsn.parse("1/0") - Lsn.parse("0/FFFFFFFF")).isEqualTo(1);
    }

    @Test
    void noLsnIsZeroAndAnythingElseIsRefused() {
        assertThat(Lsn.parse(null)).isZero();
        assertThatThrownBy(() -> Lsn.parse("3016038")).isInstanceOf(IllegalArgumentException.class);
    }
}
