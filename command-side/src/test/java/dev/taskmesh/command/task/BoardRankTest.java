package dev.taskmesh.command.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoardRankTest {

    @Test
    void theFirstCardIsRankedZero() {
        assertThat(BoardRank.first()).isEqualTo("a0");
    }

    @Test
    void appendingIncrementsTheIntegerPart() {
        assertThat(BoardRank.after("a0")).isEqualTo("a1");
        assertThat(BoardRank.after("az")).isEqualTo("b00");
        assertThat(BoardRank.after("Zz")).isEqualTo("a0");
    }

    @Test
    void cardsAppendedAtOnceDoNotShareARank() {
        String last = "a5";
        java.util.Set<String> ranks = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            String rank = BoardRank.after(last, java.util.UUID.randomUUID());
            assertThat(rank).isGreaterThan(last).doesNotEndWith("0").startsWith("a6");
            ranks.add(rank);
        }
        assertThat(ranks).hasSizeGreaterThan(18);
    }

    @Test
    void prependingDecrementsTheIntegerPart() {
        assertThat(BoardRank.between(null, "a0")).isEqualTo("Zz");
        assertThat(BoardRank.between(null, "Z0")).isEqualTo("Yzz");
    }

    @Test
    void aRankBetweenNeighboursSortsBetweenThem() {
        assertBetween("a1", "a3");
        assertBetween("a1", "a2");
        assertBetween("a1", "a1V");
        assertBetween("a1V", "a2");
        assertBetween(null, "a1V");
        assertBetween("Zz", "a0");
    }

    @Test
    void noRankSitsBetweenARankAndItselfOrBelowIt() {
        assertThatThrownBy(() -> BoardRank.between("a1", "a1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoardRank.between("a2", "a1")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The commonest move on a board: a new card at the end of its column. Ranks grow logarithmically. */
    @Test
    void tenThousandAppendsStayShort() {
        String last = BoardRank.first();
        for (int i = 0; i < 10_000; i++) {
            String next = BoardRank.after(last);
            assertThat(next).isGreaterThan(last);
            last = next;
        }
        assertThat(last.length()).isLessThanOrEqualTo(4);
    }

    @Test
    void tenThousandCardsDroppedOnTopStayShort() {
        String top = BoardRank.first();
        for (int i = 0; i < 10_000; i++) {
            String next = BoardRank.between(null, top);
            assertThat(next).isLessThan(top);
            top = next;
        }
        assertThat(top.length()).isLessThanOrEqualTo(4);
    }

    /** A thousand random inserts into one column: order always holds and ranks stay short. */
    @Test
    void randomInsertionsKeepTheOrderWithoutRenumbering() {
        Random random = new Random(42);
        List<String> column = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int at = random.nextInt(column.size() + 1);
            String lower = at == 0 ? null : column.get(at - 1);
            String upper = at == column.size() ? null : column.get(at);
            column.add(at, BoardRank.between(lower, upper));
        }
        assertThat(column).isSorted().doesNotHaveDuplicates();
        assertThat(column.stream().mapToInt(String::length).max().orElseThrow()).isLessThan(20);
    }

    private static void assertBetween(String lower, String upper) {
        String rank = BoardRank.between(lower, upper);
        if (lower != null) {
            assertThat(rank).isGreaterThan(lower);
        }
        assertThat(rank).isLessThan(upper).doesNotEndWith("0");
    }
}
