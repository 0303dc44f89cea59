package dev.taskmesh.command.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoardRankTest {

    @Test
    void theFirstCardSitsInTheMiddleOfTheRange() {
        assertThat(BoardRank.first()).isEqualTo("i");
    }

    @Test
    void aRankAfterSortsAfter() {
        assertThat(BoardRank.after("i")).isGreaterThan("i");
        assertThat(BoardRank.after("z")).isGreaterThan("z");
        assertThat(BoardRank.after("zzz")).isGreaterThan("zzz");
    }

    @Test
    void aRankBetweenNeighboursSortsBetweenThem() {
        assertBetween("i", "j");
        assertBetween("i", "ii");
        assertBetween("iz", "j");
        assertBetween(null, "1");
        assertBetween(null, "01");
        assertBetween("a", "b");
    }

    @Test
    void noRankSitsBetweenARankAndItselfOrBelowIt() {
        assertThatThrownBy(() -> BoardRank.between("b", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoardRank.between("c", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A thousand random inserts into one column: order always holds, and ranks stay short. */
    @Test
    void randomInsertionsKeepTheOrderWithoutRenumbering() {
        Random random = new Random(42);
        List<String> column = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int at = random.nextInt(column.size() + 1);
            String lower = at == 0 ? null : column.get(at - 1);
            String upper = at == column.size() ? null : column.get(at);
            String rank = BoardRank.between(lower, upper);
            assertThat(rank).doesNotEndWith("0");
            column.add(at, rank);
        }
        assertThat(column).isSorted().doesNotHaveDuplicates();
        assertThat(column.stream().mapToInt(String::length).max().orElseThrow()).isLessThan(30);
    }

    /** The worst case of a board: every card dropped at the top. Ranks grow, slowly. */
    @Test
    void repeatedInsertionsAtOneEndGrowSlowly() {
        String top = BoardRank.first();
        for (int i = 0; i < 500; i++) {
            String next = BoardRank.between(null, top);
            assertThat(next).isLessThan(top);
            top = next;
        }
        assertThat(top.length()).isLessThan(120);
    }

    private static void assertBetween(String lower, String upper) {
        String rank = BoardRank.between(lower, upper);
        if (lower != null) {
            assertThat(rank).isGreaterThan(lower);
        }
        assertThat(rank).isLessThan(upper).doesNotEndWith("0");
    }
}
