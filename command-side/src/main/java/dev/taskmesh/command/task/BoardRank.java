package dev.taskmesh.command.task;

import java.util.UUID;

/**
 * Board order without renumbering (fractional indexing, as in Figma's multiplayer boards): a card's rank is a string,
 * and cards sort by rank in byte order. A rank strictly between any two others always exists, so moving a card
 * rewrites only that card.
 *
 * <p>A rank is an integer part followed by an optional fraction, both in base-62 digits ({@code 0-9A-Za-z}, which
 * sort in byte order). The integer part's first character encodes its length ({@code a}: one digit, {@code b}: two,
 * ...; {@code Z}, {@code Y}, ... mirror that below zero), so appending to a column increments an integer and ranks
 * grow only logarithmically with the column; inserting between two neighbours halves the gap in the fraction. A
 * fraction never ends in {@code 0}, which keeps room below every rank.
 *
 * <p>Written here rather than taken from a library: the Java ports found are unmaintained; this is the algorithm of
 * David Greenspan's "Implementing Fractional Indexing", in about a hundred lines with its own tests.
 */
final class BoardRank {

    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int BASE = DIGITS.length();
    private static final String ZERO = "a0";
    /** The smallest integer part: it cannot be decremented. */
    private static final String SMALLEST = "A" + "0".repeat(26);

    private BoardRank() {}

    /** The rank of the first card of an empty column. */
    static String first() {
        return ZERO;
    }

    /** A rank after {@code last}, the end of a column (null when it is empty). */
    static String after(String last) {
        return between(last, null);
    }

    /**
     * A rank after {@code last} that two cards appended at the same instant do not share: the rank is followed by two
     * digits taken from the card's own id. Appending needs no lock on the column, so two writers may read the same
     * last rank; with this suffix their ranks still differ (unless the two ids agree in the 12 bits used) and both
     * sort after {@code last}. The suffix never ends in 0, so ranks between remain possible.
     */
    static String after(String last, UUID card) {
        long bits = card.getLeastSignificantBits() & Long.MAX_VALUE;
        return after(last) + DIGITS.charAt((int) (bits % BASE)) + DIGITS.charAt(1 + (int) ((bits / BASE) % (BASE - 1)));
    }

    /**
     * A rank strictly between {@code lower} and {@code upper}; null stands for the open end of the column.
     *
     * @throws IllegalArgumentException unless lower sorts before upper, or when a rank is not one of ours
     */
    static String between(String lower, String upper) {
        if (lower != null && upper != null && lower.compareTo(upper) >= 0) {
            throw new IllegalArgumentException("no rank between " + lower + " and " + upper);
        }
        if (lower == null && upper == null) {
            return ZERO;
        }
        if (lower == null) {
            String integer = integerPart(upper);
            String fraction = upper.substring(integer.length());
            if (integer.equals(SMALLEST)) {
                return integer + midpoint("", fraction);
            }
            // the integer alone sorts below upper when upper has a fraction; otherwise step the integer down
            return fraction.isEmpty() ? decrement(integer) : integer;
        }
        String integer = integerPart(lower);
        String fraction = lower.substring(integer.length());
        if (upper == null) {
            String next = increment(integer);
            return next == null ? integer + midpoint(fraction, null) : next;
        }
        String upperInteger = integerPart(upper);
        if (integer.equals(upperInteger)) {
            return integer + midpoint(fraction, upper.substring(upperInteger.length()));
        }
        String next = increment(integer);
        if (next != null && next.compareTo(upper) < 0) {
            return next;
        }
        return integer + midpoint(fraction, null);
    }

    /** A fraction strictly between {@code low} and {@code high} (null: no upper bound), not ending in 0. */
    private static String midpoint(String low, String high) {
        if (high != null) {
            // digits both share can be kept: the answer only has to differ after them
            int prefix = 0;
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

    private static String integerPart(String rank) {
        int length = integerLength(rank.charAt(0));
        if (length > rank.length()) {
            throw new IllegalArgumentException("not a rank: " + rank);
        }
        return rank.substring(0, length);
    }

    private static int integerLength(char head) {
        if (head >= 'a' && head <= 'z') {
            return head - 'a' + 2;
        }
        if (head >= 'A' && head <= 'Z') {
            return 'Z' - head + 2;
        }
        throw new IllegalArgumentException("not a rank head: " + head);
    }

    /** The next integer, or null past the largest one. */
    private static String increment(String integer) {
        char head = integer.charAt(0);
        StringBuilder digits = new StringBuilder(integer.substring(1));
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digit(digits.charAt(i)) + 1;
            if (d < BASE) {
                digits.setCharAt(i, DIGITS.charAt(d));
                return head + digits.toString();
            }
            digits.setCharAt(i, '0');
        }
        // every digit carried: the integer needs another head
        if (head == 'Z') {
            return ZERO;
        }
        if (head == 'z') {
            return null;
        }
        char next = (char) (head + 1);
        if (next > 'a') {
            digits.append('0');
        } else {
            digits.deleteCharAt(digits.length() - 1);
        }
        return next + digits.toString();
    }

    /** The previous integer; never called on the smallest one. */
    private static String decrement(String integer) {
        char head = integer.charAt(0);
        StringBuilder digits = new StringBuilder(integer.substring(1));
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digit(digits.charAt(i)) - 1;
            if (d >= 0) {
                digits.setCharAt(i, DIGITS.charAt(d));
                return head + digits.toString();
            }
            digits.setCharAt(i, DIGITS.charAt(BASE - 1));
        }
        if (head == 'a') {
            return "Z" + DIGITS.charAt(BASE - 1);
        }
        char previous = (char) (head - 1);
        if (previous < 'Z') {
            digits.append(DIGITS.charAt(BASE - 1));
        } else {
            digits.deleteCharAt(digits.length() - 1);
        }
        return previous + digits.toString();
    }

    private static int digitAt(String text, int index) {
        return index < text.length() ? digit(text.charAt(index)) : 0;
    }

    private static String tail(String text, int from) {
        return from < text.length() ? text.substring(from) : "";
    }

    private static int digit(char c) {
        int digit = DIGITS.indexOf(c);
        if (digit < 0) {
            throw new IllegalArgumentException("not a rank digit: " + c);
        }
        return digit;
    }
}
