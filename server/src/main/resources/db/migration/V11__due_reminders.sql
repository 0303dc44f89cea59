-- What the inbox projection needs to plan "due soon" reminders: a task's due date and status.
ALTER TABLE notify_task ADD COLUMN due_date DATE;
ALTER TABLE notify_task ADD COLUMN status TEXT;
-- when its reminder is set for (null: none), so a change that cannot affect a reminder costs no lookup in the queue
ALTER TABLE notify_task ADD COLUMN reminder_at TIMESTAMPTZ;
