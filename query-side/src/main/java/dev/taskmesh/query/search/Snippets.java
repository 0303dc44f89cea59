package dev.taskmesh.query.search;

import dev.taskmesh.api.search.SnippetPart;
import java.util.ArrayList;
import java.util.List;

/**
 * Snippets as structured parts. {@code ts_headline} marks the matched words with two private-use characters, which
 * are first removed from the user's text so no text can forge a mark; the marked text is then cut into parts here,
 * and no markup ever reaches a client. {@code ts_headline} also drops whatever looks like an HTML tag, so every
 * {@code <} travels as a third private-use character and is restored here: a title like "Fix <div> overflow" is shown
 * as written.
 */
final class Snippets {

    static final char START = '\uE000';
    static final char STOP = '\uE001';
    static final char LESS_THAN = '\uE002';

    /**
     * {@code translate(text, FROM, TO)} readies user text for {@code ts_headline}: {@code <} becomes
     * {@link #LESS_THAN}, and the three private-use characters the user may have typed are deleted.
     */
    static final String TRANSLATE_FROM = "<" + START + STOP + LESS_THAN;

    static final String TRANSLATE_TO = String.valueOf(LESS_THAN);

    /** The {@code ts_headline} options that mark matches this way; the rest of the options follow. */
    static final String MARKS = "StartSel=" + START + ", StopSel=" + STOP;

    private Snippets() {}

    static List<SnippetPart> parts(String marked) {
        List<SnippetPart> parts = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean match = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == START || c == STOP) {
                add(parts, run, match);
                match = c == START;
            } else {
                run.append(c == LESS_THAN ? '<' : c);
            }
        }
        add(parts, run, match);
        return parts;
    }

    private static void add(List<SnippetPart> parts, StringBuilder run, boolean match) {
        if (run.isEmpty()) {
            return;
        }
        int lastIndex = parts.size() - 1;
        if (lastIndex >= 0 && parts.get(lastIndex).match() == match) {
            parts.set(lastIndex, new SnippetPart(parts.get(lastIndex).text() + run, match));
        } else {
            parts.add(new SnippetPart(run.toString(), match));
        }
        run.setLength(0);
    }
}
