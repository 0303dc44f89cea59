package dev.taskmesh.query.notification;

import dev.taskmesh.api.notification.DueReminders;
import dev.taskmesh.api.task.TaskId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plans "due soon" reminders from the inbox projection's copy of tasks: a task assigned, not done or cancelled, with
 * a due date, gets a reminder at the end of that date in the assignee's time zone minus the window
 * ({@code taskmesh.notifications.due-soon-window}), at once if that is past; anything else cancels it. The timer
 * itself is behind {@link DueReminders}. {@code notify_task.reminder_at} records what is set, so changes that cannot
 * touch a reminder cost no lookup in the timer's queue.
 */
@Component
class ReminderPlanner {

    private final JdbcClient jdbc;
    private final StoredPreferences preferences;
    private final Clock clock;
    private final ObjectProvider<DueReminders> reminders;
    private final Duration dueSoonWindow;

    ReminderPlanner(
            JdbcClient jdbc,
            StoredPreferences preferences,
            Clock clock,
            ObjectProvider<DueReminders> reminders,
            @Value("${taskmesh.notifications.due-soon-window:24h}") Duration dueSoonWindow) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.clock = clock;
        this.reminders = reminders;
        this.dueSoonWindow = dueSoonWindow;
    }

    /** Sets or cancels the task's reminder after a change to it, its assignee or the assignee's time zone. */
    void plan(TaskId taskId) {
        // when the task is due (in its assignee's zone) if it is still to be reminded of, and whether a reminder is set
        record Plan(Optional<Instant> deadline, boolean set) {}
        Plan plan = jdbc.sql("""
                        SELECT t.due_date,
                               t.assignee_id IS NOT NULL AND t.status NOT IN ('done', 'cancelled', 'deleted'),
                               p.preferences, t.reminder_at IS NOT NULL
                        FROM notify_task t LEFT JOIN notify_preference p ON p.user_id = t.assignee_id
                        WHERE t.task_id = :taskId
                        """)
                .param("taskId", taskId.value())
                .query((rs, row) -> {
                    LocalDate due = rs.getObject(1, LocalDate.class);
                    boolean set = rs.getBoolean(4);
                    if (due == null || !rs.getBoolean(2)) {
                        return new Plan(Optional.empty(), set);
                    }
                    ZoneId zone = ZoneId.of(preferences.read(rs.getString(3)).timeZone());
                    return new Plan(
                            Optional.of(due.plusDays(1).atStartOfDay(zone).toInstant()), set);
                })
                .optional()
                .orElse(new Plan(Optional.empty(), false));
        Instant now = clock.instant();
        Optional<Instant> deadline = plan.deadline().filter(at -> at.isAfter(now));
        if (deadline.isEmpty() && !plan.set()) {
            return; // nothing to remind of and no reminder to cancel
        }
        Instant remindAt = deadline.map(at -> at.minus(dueSoonWindow))
                .map(at -> at.isBefore(now) ? now : at)
                .orElse(null);
        reminders.ifAvailable(timer -> {
            if (remindAt != null) {
                timer.schedule(taskId, remindAt);
            } else {
                timer.cancel(taskId);
            }
        });
        jdbc.sql("UPDATE notify_task SET reminder_at = :at WHERE task_id = :taskId")
                .param("taskId", taskId.value())
                .param("at", remindAt == null ? null : Timestamp.from(remindAt))
                .update();
    }
}
