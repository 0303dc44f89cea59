package dev.taskmesh.api.account;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of a user event that is the person's personal data. The event store keeps it encrypted with that
 * user's own key (the event's {@code userId}), and erasing the account deletes the key: from then on the stored
 * value is unreadable, and reading the event yields {@link #erased()} instead (docs/security.md#erasure).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

    /** What the event says once the person is erased. */
    String erased();
}
