package dev.taskmesh.api.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a user is notified; the wire name is the lower-case, hyphenated constant. */
public enum NotificationKind {
    /** A task was assigned to you. */
    ASSIGNED,
    /** You were mentioned in a comment. */
    MENTIONED,
    /** Someone commented on a task you watch. */
    COMMENTED,
    /** A task you watch changed status. */
    STATUS_CHANGED,
    /** A task you watch got a new due date. */
    DUE_DATE_CHANGED,
    /** A task assigned to you is due soon. */
    DUE_SOON,
    /** You were added to a workspace. */
    MEMBER_ADDED,
    /** You were removed from a workspace: the one notification shown after the membership ends. */
    MEMBER_REMOVED,
    /** A file you attached failed its checks and was deleted. */
    ATTACHMENT_REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for anything but the wire names */
    @JsonCreator
    public static NotificationKind fromWireName(String wireName) {
        for (NotificationKind kind : values()) {
            if (kind.wireName().equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown notification kind: " + wireName);
    }
}
