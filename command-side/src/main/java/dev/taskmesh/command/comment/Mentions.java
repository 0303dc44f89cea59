package dev.taskmesh.command.comment;

import dev.taskmesh.api.account.UserId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code @handle} mentions in a comment body and keeps those that name members, in order of first mention.
 * A handle glued to a word ({@code mail@example.com}) is no mention; unknown handles stay plain text.
 */
final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])");

    private Mentions() {}

    static Set<String> handlesIn(String body) {
        Set<String> handles = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(body);
        while (matcher.find()) {
            handles.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return handles;
    }

    /** @param members resolves handles to the workspace's members among them */
    static List<UserId> resolve(String body, Function<Set<String>, Map<String, UserId>> members) {
        Set<String> handles = handlesIn(body);
        if (handles.isEmpty()) {
            return List.of();
        }
        Map<String, UserId> found = members.apply(handles);
        return handles.stream()
                .filter(found::containsKey)
                .map(found::get)
                .distinct()
                .toList();
    }
}
