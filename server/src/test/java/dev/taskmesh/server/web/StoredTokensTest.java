package dev.taskmesh.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Axon's tokens as the token table holds them, read for the read-your-writes wait and for the processors' lag. */
class StoredTokensTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aGapAwareTokenHasReachedItsIndexAndCoversWhatItPassedUnlessThePositionIsAGap() {
        JsonNode token = token("{\"index\":10,\"gaps\":[7]}");
        assertThat(StoredTokens.position(token)).hasValue(10);
        assertThat(StoredTokens.covers(token, 10)).isTrue();
        assertThat(StoredTokens.covers(token, 8)).isTrue();
        assertThat(StoredTokens.covers(token, 7)).isFalse();
        assertThat(StoredTokens.covers(token, 11)).isFalse();
    }

    @Test
    void aReplayTokenIsWhereItsCurrentTokenIs() {
        JsonNode token =
                token("{\"tokenAtReset\":{\"index\":50,\"gaps\":[]},\"currentToken\":{\"index\":20,\"gaps\":[]}}");
        assertThat(StoredTokens.position(token)).hasValue(20);
        assertThat(StoredTokens.covers(token, 20)).isTrue();
        assertThat(StoredTokens.covers(token, 21)).isFalse();
    }

    @Test
    void aMergedTokenIsAsFarAsItsSlowerHalf() {
        JsonNode token = token("{\"lowerSegmentToken\":{\"index\":30,\"gaps\":[]},"
                + "\"upperSegmentToken\":{\"index\":12,\"gaps\":[]}}");
        assertThat(StoredTokens.position(token)).hasValue(12);
        assertThat(StoredTokens.covers(token, 12)).isTrue();
        assertThat(StoredTokens.covers(token, 13)).isFalse();
    }

    @Test
    void aTokenWithAnUnknownPartSaysNothing() {
        JsonNode halfKnown = token("{\"lowerSegmentToken\":{\"index\":30,\"gaps\":[]},\"upperSegmentToken\":null}");
        assertThat(StoredTokens.position(halfKnown)).isEqualTo(OptionalLong.empty());
        assertThat(StoredTokens.covers(halfKnown, 1)).isFalse();
        assertThat(StoredTokens.position(token("{\"currentToken\":null}"))).isEmpty();
        assertThat(StoredTokens.position(token("{\"somethingElse\":1}"))).isEmpty();
        assertThat(StoredTokens.position(null)).isEmpty();
    }

    private static JsonNode token(String json) {
        return JSON.readTree(json);
    }
}
