package dev.taskmesh.command.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.api.account.UserId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MentionsTest {

    private static final UserId ADA = UserId.random();
    private static final UserId BOB = UserId.random();

    @Test
    void findsHandlesInOrderOfFirstMentionWhateverTheirCase() {
        assertThat(Mentions.handlesIn("@Bob, ask @ada. Then @bob again!")).containsExactly("bob", "ada");
    }

    @Test
    void emailAddressesAndShortWordsAreNoMentions() {
        assertThat(Mentions.handlesIn("mail ada@example.com or @ab or @@")).isEmpty();
    }

    @Test
    void onlyMembersAreResolvedAndUnknownHandlesStayText() {
        assertThat(Mentions.resolve("@ada and @nobody and @bob", handles -> Map.of("ada", ADA, "bob", BOB)))
                .containsExactly(ADA, BOB);
    }
}
