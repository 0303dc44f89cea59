package dev.taskmesh.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void distinctLowerCasedWordsOfTitleAndLabelsOfThreeToFortyCharacters() {
        assertThat(Words.of("Fix the Login-page, fix it!", List.of("web-UI", "ux")))
                .containsExactly("fix", "the", "login", "page", "web");
        assertThat(Words.of("x".repeat(41) + " ok", List.of())).isEmpty();
        assertThat(Words.of("Café 日本語", List.of())).containsExactly("café", "日本語");
    }
}
