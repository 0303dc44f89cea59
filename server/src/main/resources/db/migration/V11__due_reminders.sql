-- What the inbox projection needs to plan "due soon" reminders: a task's due date and status.
ALTER TABLE notify_task ADD COLUMN due_date DATE;
ALTER TABLE notify_task ADD COLUMN status TEXT;
