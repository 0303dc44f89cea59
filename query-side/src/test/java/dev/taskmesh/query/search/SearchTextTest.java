package dev.taskmesh.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void theLastPlainWordIsAPrefixAndTheRestTheHead() {
        SearchText text = SearchText.of("budget Revi");

        assertThat(text.hasPrefix()).isTrue();
        assertThat(text.head()).isEqualTo("budget ");
        assertThat(text.last()).isEqualTo("Revi");
        assertThat(text.prefix()).isEqualTo("revi");
        assertThat(text.orBefore()).isFalse();
    }

    @Test
    void aWordFollowingOrIsJoinedByOr() {
        assertThat(SearchText.of("budget or revi").orBefore()).isTrue();
        assertThat(SearchText.of("OR revi").orBefore()).isTrue();
        assertThat(SearchText.of("floor revi").orBefore()).isFalse();
    }

    @Test
    void negatedQuotedOperatorAndFinishedWordsAreNoPrefix() {
        assertThat(SearchText.of("budget -revi").hasPrefix()).isFalse();
        assertThat(SearchText.of("\"budget revi\"").hasPrefix()).isFalse();
        assertThat(SearchText.of("\"budget revi").hasPrefix()).isFalse();
        assertThat(SearchText.of("budget or").hasPrefix()).isFalse();
        assertThat(SearchText.of("budget ").hasPrefix()).isFalse();
        assertThat(SearchText.of("a").hasPrefix()).isFalse();
        assertThat(SearchText.of("it's").hasPrefix()).isFalse();
        assertThat(SearchText.of("x".repeat(41)).hasPrefix()).isFalse();
    }

    @Test
    void lettersOfAnyScriptAndDigitsArePrefixes() {
        assertThat(SearchText.of("日本").prefix()).isEqualTo("日本");
        assertThat(SearchText.of("Café").prefix()).isEqualTo("café");
        assertThat(SearchText.of("v42").prefix()).isEqualTo("v42");
    }
}
