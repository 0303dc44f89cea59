import { STATUSES, type EventFrame, type Task, type TaskStatus } from "../api/types";

/** The cards of one project's board, keyed by task id. */
export type Board = ReadonlyMap<string, Task>;

export function boardOf(tasks: Task[]): Board {
  return new Map(tasks.map((task) => [task.id, task]));
}

/** A column's cards in rank order: ranks compare by code unit, as the server orders them. */
export function column(board: Board, status: TaskStatus): Task[] {
  return [...board.values()]
    .filter((task) => task.status === status)
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1));
}

export function columns(board: Board): Record<TaskStatus, Task[]> {
  return Object.fromEntries(STATUSES.map((status) => [status, column(board, status)])) as Record<
    TaskStatus,
    Task[]
  >;
}

export function upsert(board: Board, task: Task): Board {
  const held = board.get(task.id);
  if (held && held.version >= task.version) return board;
  return new Map(board).set(task.id, task);
}

/** What applying a frame needs from outside: a task moved in from another project must be fetched whole. */
export type Outcome = { board: Board; fetch?: string };

/**
 * Applies a workspace event to the board of `projectId`. A task event applies only when its version is newer than
 * the card's: the card may already hold it, read over HTTP after the subscription began. Events this board does
 * not show (comments, other projects, attachments' scans) leave it unchanged, apart from the card's version.
 */
export function apply(board: Board, projectId: string, frame: EventFrame): Outcome {
  const data = frame.data;
  const taskId = typeof data.taskId === "string" ? data.taskId : null;
  if (taskId === null || frame.aggregateId !== taskId) {
    return { board }; // not a task's own event (a comment's, a project's, a member's)
  }
  const held = board.get(taskId);
  if (held && held.version >= frame.version) return { board }; // the card already holds it (a move too)
  if (frame.eventType === "TaskCreated") {
    if (held || data.projectId !== projectId) return { board };
    return { board: new Map(board).set(taskId, created(frame)) };
  }
  if (frame.eventType === "TaskMoved") {
    if (movedInto(frame, projectId)) {
      return { board, fetch: taskId };
    }
    if (data.fromProjectId === projectId && data.toProjectId !== projectId) {
      return { board: without(board, taskId) };
    }
  }
  if (!held || held.version >= frame.version) return { board };
  if (frame.eventType === "TaskDeleted") return { board: without(board, taskId) };
  const next: Task = { ...held, ...changes(frame, held), version: frame.version, updatedAt: frame.at };
  return { board: new Map(board).set(taskId, next) };
}

/** A task moved into `projectId` from another project: its frame does not carry the whole task, which is fetched. */
export function movedInto(frame: EventFrame, projectId: string): boolean {
  return (
    frame.eventType === "TaskMoved" && frame.data.toProjectId === projectId && frame.data.fromProjectId !== projectId
  );
}

function changes(frame: EventFrame, held: Task): Partial<Task> {
  const data = frame.data as Record<string, never>;
  switch (frame.eventType) {
    case "TaskStatusChanged":
      return { status: data.to, rank: data.rank };
    case "TaskRanked":
    case "TaskMoved":
      return { rank: data.rank };
    case "TaskAssigned":
      return { assigneeId: data.assigneeId };
    case "TaskUnassigned":
      return { assigneeId: null };
    case "TaskRenamed":
      return { title: data.title };
    case "TaskDescriptionChanged":
      return { description: data.description };
    case "TaskPriorityChanged":
      return { priority: data.priority };
    case "TaskDueDateChanged":
      return { dueDate: data.dueDate };
    case "TaskLabelsChanged":
      return { labels: data.labels };
    case "TaskWatchStarted":
      return { watchers: held.watchers.includes(data.userId) ? held.watchers : [...held.watchers, data.userId] };
    case "TaskWatchStopped":
      return { watchers: held.watchers.filter((watcher) => watcher !== data.userId) };
    default:
      return {}; // attachments: the card shows none of it
  }
}

function created(frame: EventFrame): Task {
  const data = frame.data as Record<string, never>;
  const watchers: string[] = [data.createdBy];
  return {
    id: data.taskId,
    workspaceId: data.workspaceId,
    projectId: data.projectId,
    title: data.title,
    description: data.description ?? null,
    status: data.status,
    priority: "none",
    dueDate: null,
    labels: [],
    assigneeId: null,
    watchers,
    rank: data.rank,
    createdBy: data.createdBy,
    createdAt: frame.at,
    updatedAt: frame.at,
    version: frame.version,
  };
}

function without(board: Board, taskId: string): Board {
  if (!board.has(taskId)) return board;
  const next = new Map(board);
  next.delete(taskId);
  return next;
}

/**
 * The neighbours to give the rank command for dropping `taskId` at `index` of `cards` (the target column as shown,
 * possibly holding the card itself): `after` is the card that ends up above it, `before` the one below.
 */
export function neighboursAt(cards: Task[], taskId: string, index: number): { after: string | null; before: string | null } {
  const others = cards.filter((task) => task.id !== taskId);
  const from = cards.findIndex((task) => task.id === taskId);
  const at = Math.max(0, Math.min(others.length, from !== -1 && from < index ? index - 1 : index));
  return { after: others[at - 1]?.id ?? null, before: others[at]?.id ?? null };
}

export const STATUS_LABELS: Record<TaskStatus, string> = {
  backlog: "Backlog",
  todo: "To do",
  in_progress: "In progress",
  in_review: "In review",
  done: "Done",
  cancelled: "Cancelled",
};
