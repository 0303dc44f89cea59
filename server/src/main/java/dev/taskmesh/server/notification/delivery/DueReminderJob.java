package dev.taskmesh.server.notification.delivery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.DueReminders;
import dev.taskmesh.api.notification.InboxId;
import dev.taskmesh.api.notification.RemindDueTaskCommand;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Due soon" reminders: one persistent timer per task (the db-scheduler task {@value #TASK}, instance = task id), so
 * a reminder survives any crash. When it fires it checks the task once more (still assigned, still due that day, not
 * done) and tells the assignee's inbox, which records the reminder once per task and date; the notification follows
 * from that event like any other.
 */
class DueReminderJob implements DueReminders {

    static final String TASK = "due-reminder";

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final OneTimeTask<Void> task;
    private SchedulerClient queue;

    DueReminderJob(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.task = Tasks.oneTime(TASK)
                .execute((instance, context) -> remind(new TaskId(UUID.fromString(instance.getId()))));
    }

    OneTimeTask<Void> task() {
        return task;
    }

    void queue(SchedulerClient queue) {
        this.queue = queue;
    }

    @Override
    public void schedule(TaskId taskId, Instant at) {
        String id = taskId.value().toString();
        if (queue.getScheduledExecution(TaskInstanceId.of(TASK, id)).isPresent()) {
            queue.reschedule(TaskInstanceId.of(TASK, id), at);
        } else {
            queue.scheduleIfNotExists(task.instance(id), at);
        }
    }

    @Override
    public void cancel(TaskId taskId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, taskId.value().toString());
        if (queue.getScheduledExecution(id).isPresent()) {
            queue.cancel(id);
        }
    }

    private void remind(TaskId taskId) {
        jdbc.sql("""
                        SELECT assignee_id, workspace_id, due_date FROM notify_task
                        WHERE task_id = :taskId AND assignee_id IS NOT NULL AND due_date IS NOT NULL
                          AND status NOT IN ('done', 'cancelled')
                        """)
                .param("taskId", taskId.value())
                .query((rs, row) -> new RemindDueTaskCommand(
                        InboxId.of(new UserId(rs.getObject(1, UUID.class))),
                        taskId,
                        new WorkspaceId(rs.getObject(2, UUID.class)),
                        rs.getObject(3, LocalDate.class)))
                .optional()
                .ifPresent(commands::sendAndWait);
    }
}
