package dev.taskmesh.command.task;

/**
 * Board order without renumbering: a card's rank is a string of base-36 digits, and cards sort by rank in byte
 * order. A rank between any two others always exists, so moving a card writes only that card (fractional indexing,
 * as in Figma's and Jira's LexoRank boards). Ranks never end in the zero digit, which keeps room below each one.
 * Written here rather than taken from a library: the Java ones found are unmaintained, and this is 40 lines.
 */
final class BoardRank {

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int BASE = DIGITS.length();

    private BoardRank() {}

    /** The rank of the first card of an empty column. */
    static String first() {
        return between(null, null);
    }

    /** A rank after {@code last}, the end of a column (null when it is empty). */
    static String after(String last) {
        return between(last, null);
    }

    /**
     * A rank strictly between {@code lower} and {@code upper}; null stands for the open end of the column.
     *
     * @throws IllegalArgumentException unless lower sorts before upper
     */
    static String between(String lower, String upper) {
        String low = lower == null ? "" : lower;
        if (upper != null && low.compareTo(upper) >= 0) {
            throw new IllegalArgumentException("no rank between " + lower + " and " + upper);
        }
        return midpoint(low, upper);
    }

    private static String midpoint(String low, String high) {
        int prefix = 0;
        if (high != null) {
            // digits both share can be kept: the answer only has to differ after them
            while (prefix < high.length() && digitAt(low, prefix) == digit(high.charAt(prefix))) {
                prefix++;
            }
            if (prefix > 0) {
                return high.substring(0, prefix) + midpoint(tail(low, prefix), high.substring(prefix));
            }
        }
        int lowDigit = digitAt(low, 0);
        int highDigit = high == null ? BASE : digit(high.charAt(0));
        if (highDigit - lowDigit > 1) {
            return String.valueOf(DIGITS.charAt((lowDigit + highDigit) / 2));
        }
        if (high != null && high.length() > 1) {
            // high's first digit alone sorts below high and above low
            return high.substring(0, 1);
        }
        return DIGITS.charAt(lowDigit) + midpoint(tail(low, 1), null);
    }

    private static int digitAt(String rank, int index) {
        return index < rank.length() ? digit(rank.charAt(index)) : 0;
    }

    private static String tail(String rank, int from) {
        return from < rank.length() ? rank.substring(from) : "";
    }

    private static int digit(char c) {
        int digit = DIGITS.indexOf(c);
        if (digit < 0) {
            throw new IllegalArgumentException("not a rank digit: " + c);
        }
        return digit;
    }
}
