package dev.taskmesh.api.notification;

import dev.taskmesh.api.task.TaskId;
import java.time.Instant;

/**
 * The persistent timer behind "due soon" reminders, one per task. Called by the inbox projection inside its
 * transaction whenever a task's due date, assignee or status changes (never during a replay); a later call for the
 * same task replaces the earlier one.
 */
public interface DueReminders {

    void schedule(TaskId taskId, Instant at);

    void cancel(TaskId taskId);
}
