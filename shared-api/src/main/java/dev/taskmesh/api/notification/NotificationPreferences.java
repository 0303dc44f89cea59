package dev.taskmesh.api.notification;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A user's notification settings: their time zone (due dates are days in it) and, per kind, the external channels.
 * Always complete: one choice per kind, in the order of {@link NotificationKind}.
 */
public record NotificationPreferences(String timeZone, List<ChannelChoice> choices) {

    public NotificationPreferences {
        ZoneId.of(timeZone); // throws for an unknown zone
        Map<NotificationKind, ChannelChoice> byKind = new EnumMap<>(NotificationKind.class);
        defaultChoices().forEach(choice -> byKind.put(choice.kind(), choice));
        choices.forEach(choice -> byKind.put(choice.kind(), choice));
        choices = List.copyOf(byKind.values());
    }

    /**
     * What a user has before choosing: UTC, and email for what is addressed to them personally (assigned, mentioned,
     * due soon, added to a workspace, a file of theirs rejected), not for the chatter of watched tasks; webhooks only once they set one up.
     */
    public static NotificationPreferences defaults() {
        return new NotificationPreferences("UTC", List.of());
    }

    public ChannelChoice choiceFor(NotificationKind kind) {
        return choices.get(kind.ordinal());
    }

    private static List<ChannelChoice> defaultChoices() {
        List<ChannelChoice> choices = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            boolean personal = switch (kind) {
                case ASSIGNED, MENTIONED, DUE_SOON, MEMBER_ADDED, ATTACHMENT_REJECTED -> true;
                case COMMENTED, STATUS_CHANGED, DUE_DATE_CHANGED, MEMBER_REMOVED -> false;
            };
            choices.add(new ChannelChoice(kind, personal, false));
        }
        return choices;
    }
}
