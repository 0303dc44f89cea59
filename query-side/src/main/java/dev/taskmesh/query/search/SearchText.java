package dev.taskmesh.query.search;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a user typed, split for type-ahead: the whole text goes to {@code websearch_to_tsquery}, which accepts any
 * input, and the last word, when it is still being typed, also matches as a prefix. The last word is a prefix only
 * when it is a plain word of letters and digits at the very end of the text: not negated ({@code -word}), not inside
 * or right after quotes, not the {@code or} operator, and at least two characters long (one letter would match most
 * of a workspace).
 *
 * @param text the whole query as typed
 * @param head the text before the last word, when there is a prefix; the whole text otherwise
 * @param last the last word as typed, when there is a prefix
 * @param prefix the last word lower-cased, letters and digits only, or null when there is none
 * @param orBefore whether the head ends with the {@code or} operator, which then joins it to the last word
 */
record SearchText(String text, String head, String last, String prefix, boolean orBefore) {

    private static final Pattern ENDS_WITH_OR = Pattern.compile("(?is)(^|.*\\s)or\\s+");

    private static final Pattern PLAIN_WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");

    static SearchText of(String text) {
        int start = text.length();
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        String last = text.substring(start);
        boolean insideQuotes = text.chars().filter(c -> c == '"').count() % 2 == 1;
        if (insideQuotes
                || !PLAIN_WORD.matcher(last).matches()
                || last.equalsIgnoreCase("or")
                || last.length() > Words.MAX_LENGTH) {
            return new SearchText(text, text, null, null, false);
        }
        String head = text.substring(0, start);
        return new SearchText(
                text,
                head,
                last,
                last.toLowerCase(Locale.ROOT),
                ENDS_WITH_OR.matcher(head).matches());
    }
}
