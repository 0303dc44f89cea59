-- Task lists (GET …/projects/{p}/tasks): keyset pages in board order (column by column, each by rank) or by time.
-- The column's place on the board, stored so the board order can be read from an index.
ALTER TABLE task_view ADD COLUMN status_order SMALLINT GENERATED ALWAYS AS (
    CASE status
        WHEN 'backlog' THEN 0
        WHEN 'todo' THEN 1
        WHEN 'in_progress' THEN 2
        WHEN 'in_review' THEN 3
        WHEN 'done' THEN 4
        WHEN 'cancelled' THEN 5
    END) STORED;

DROP INDEX task_view_workspace_idx;
CREATE INDEX task_view_board_idx ON task_view (workspace_id, project_id, status_order, rank, task_id) WHERE NOT deleted;
CREATE INDEX task_view_updated_idx ON task_view (workspace_id, project_id, updated_at, task_id) WHERE NOT deleted;
CREATE INDEX task_view_created_idx ON task_view (workspace_id, project_id, created_at, task_id) WHERE NOT deleted;
-- GET /api/me/tasks: a user's assigned tasks across workspaces, the latest change first.
CREATE INDEX task_view_assignee_idx ON task_view (assignee_id, updated_at, task_id) WHERE NOT deleted;
