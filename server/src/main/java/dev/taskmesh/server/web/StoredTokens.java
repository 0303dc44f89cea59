package dev.taskmesh.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Axon's tracking tokens as its Jackson serializer stores them in {@code token_entry}: a GapAwareTrackingToken
 * ({@code index}, {@code gaps}); a ReplayToken, whose {@code currentToken} is where it is; a MergedTrackingToken of two
 * halves. Read through the gap-aware tokens inside, all of which must be known for the token to say anything.
 */
public final class StoredTokens {

    private StoredTokens() {}

    /** The global position the token has reached everywhere: its slowest part's; empty for an unknown token. */
    public static OptionalLong position(JsonNode token) {
        return gapAware(token)
                .map(parts -> OptionalLong.of(parts.stream()
                        .mapToLong(part -> part.get("index").asLong())
                        .min()
                        .orElseThrow()))
                .orElse(OptionalLong.empty());
    }

    /**
     * True when every part has passed {@code position} with no gap at it. Only a gap at the position itself counts.
     * Gaps below it are other transactions: most are rolled-back sequence values that never fill (Axon keeps them
     * until its gap timeout, so waiting on them would answer 503 for a minute), and a write the client saw answered
     * before this one committed before it, so it cannot be a gap in a token that has passed this position.
     */
    public static boolean covers(JsonNode token, long position) {
        return gapAware(token)
                .map(parts -> parts.stream().allMatch(part -> passed(part, position)))
                .orElse(false);
    }

    private static boolean passed(JsonNode part, long position) {
        if (part.get("index").asLong() < position) {
            return false;
        }
        for (JsonNode gap : part.path("gaps")) {
            if (gap.asLong() == position) {
                return false;
            }
        }
        return true;
    }

    /** The gap-aware tokens the token is made of; empty when any part of it is missing or of another kind. */
    private static Optional<List<JsonNode>> gapAware(JsonNode token) {
        if (token == null || token.isNull()) {
            return Optional.empty();
        }
        if (token.has("index")) {
            return Optional.of(List.of(token));
        }
        if (token.has("currentToken")) {
            return gapAware(token.get("currentToken"));
        }
        if (token.has("lowerSegmentToken")) {
            Optional<List<JsonNode>> lower = gapAware(token.get("lowerSegmentToken"));
            Optional<List<JsonNode>> upper = gapAware(token.get("upperSegmentToken"));
            if (lower.isEmpty() || upper.isEmpty()) {
                return Optional.empty();
            }
            List<JsonNode> both = new ArrayList<>(lower.get());
            both.addAll(upper.get());
            return Optional.of(both);
        }
        return Optional.empty();
    }
}
