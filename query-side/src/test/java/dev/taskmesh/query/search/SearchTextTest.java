package dev.taskmesh.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void theLastPlainWordIsAPrefixAndTheRestTheHead() {
        SearchText text = SearchText.of("budget Revi");

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
        assertThat(SearchText.of("budget -revi").prefix()).isNull();
        assertThat(SearchText.of("\"budget revi\"").prefix()).isNull();
        assertThat(SearchText.of("\"budget revi").prefix()).isNull();
        assertThat(SearchText.of("budget or").prefix()).isNull();
        assertThat(SearchText.of("budget ").prefix()).isNull();
        assertThat(SearchText.of("a").prefix()).isNull();
        assertThat(SearchText.of("it's").prefix()).isNull();
        assertThat(SearchText.of("x".repeat(41)).prefix()).isNull();
    }

    @Test
    void lettersOfAnyScriptAndDigitsArePrefixes() {
        assertThat(SearchText.of("日本").prefix()).isEqualTo("日本");
        assertThat(SearchText.of("Café").prefix()).isEqualTo("café");
        assertThat(SearchText.of("v42").prefix()).isEqualTo("v42");
    }
}
