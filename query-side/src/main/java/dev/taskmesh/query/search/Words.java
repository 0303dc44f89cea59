package dev.taskmesh.query.search;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The spellings "did you mean" can offer: the distinct lower-cased words of a title and labels, letters and digits
 * only, three to forty characters (shorter words have too few trigrams to compare, longer ones are not words).
 */
final class Words {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 40;

    private Words() {}

    static Set<String> of(String title, Collection<String> labels) {
        return Stream.concat(Stream.of(title), labels.stream())
                .flatMap(Words::split)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static Stream<String> split(String text) {
        if (text == null) {
            return Stream.empty();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= MIN_LENGTH && word.length() <= MAX_LENGTH);
    }
}
