package dev.taskmesh.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.api.search.SnippetPart;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void marksBecomeMatchedPartsAndTheRestPlainParts() {
        String marked = "Plan the " + Snippets.START + "migration" + Snippets.STOP + " today";

        assertThat(Snippets.parts(marked))
                .containsExactly(
                        new SnippetPart("Plan the ", false),
                        new SnippetPart("migration", true),
                        new SnippetPart(" today", false));
    }

    @Test
    void adjacentMatchesMergeAndEmptyRunsVanish() {
        String marked = "" + Snippets.START + "red" + Snippets.STOP + Snippets.START + "car" + Snippets.STOP;

        assertThat(Snippets.parts(marked)).containsExactly(new SnippetPart("redcar", true));
        assertThat(Snippets.parts("")).isEmpty();
    }

    @Test
    void lessThanSignsComeBackAsTyped() {
        assertThat(Snippets.parts("Fix " + Snippets.LESS_THAN + "div> overflow"))
                .containsExactly(new SnippetPart("Fix <div> overflow", false));
    }
}
