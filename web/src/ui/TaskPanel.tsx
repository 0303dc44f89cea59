import { useEffect, useState } from "preact/hooks";
import type { TaskDetails } from "../api/http";
import type { RealtimeClient } from "../api/realtime";
import {
  PRIORITIES,
  STATUSES,
  type Comment,
  type HistoryEntry,
  type Member,
  type Task,
  type TaskPriority,
  type TaskStatus,
  type UserProfile,
  type WorkspaceSummary,
} from "../api/types";
import { apply, boardOf, STATUS_LABELS } from "../board/board";
import { api } from "./connection";
import { describe } from "./errors";
import { eventSentence } from "./events";
import { nameOf, Online, present, type People } from "./people";

interface Props {
  workspace: WorkspaceSummary;
  taskId: string;
  me: UserProfile;
  people: People;
  members: Member[];
  realtime: RealtimeClient;
  onClose(): void;
}

/**
 * A task's details, comments and history. It follows the task's own stream for its comments, for who else has it
 * open and for who is typing a comment.
 */
export function TaskPanel({ workspace, taskId, me, people, members, realtime, onClose }: Props) {
  const ws = workspace.id;
  const stream = `task:${taskId}`;
  const [task, setTask] = useState<Task | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [viewers, setViewers] = useState<ReadonlySet<string>>(new Set());
  const [typing, setTyping] = useState<ReadonlyMap<string, number>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const canWrite = workspace.role !== "viewer" && !workspace.archived;

  const loadComments = (minPosition?: number) =>
    api.comments(ws, taskId, minPosition).then((page) => setComments(page.items));
  const loadHistory = () => api.history(ws, taskId).then((page) => setHistory(page.items));

  useEffect(() => {
    let loaded = false;
    const load = () => {
      loaded = true;
      api.task(ws, taskId).then(setTask).catch((failure) => setError(describe(failure)));
      loadComments().catch(() => undefined);
      loadHistory().catch(() => undefined);
    };
    return realtime.follow(stream, {
      onSubscribed: () => !loaded && load(),
      onReset: load,
      onFrame: (frame) => {
        if (frame.type !== "event") return;
        if (frame.eventType === "TaskMoved") {
          // to another project: the panel stays open on the task, which the board's fold would drop
          api.task(ws, taskId).then(setTask).catch(() => undefined);
          loadHistory().catch(() => undefined);
        } else if (frame.aggregateId === taskId) {
          setTask((current) => (current ? (apply(boardOf([current]), current.projectId, frame).board.get(taskId) ?? null) : current));
          loadHistory().catch(() => undefined);
        } else if (frame.eventType.startsWith("Comment")) {
          loadComments().catch(() => undefined);
        }
      },
      onPresence: (frame) => setViewers((current) => present(current, frame)),
      onTyping: (frame) => {
        if (frame.user !== me.id) setTyping((current) => new Map(current).set(frame.user, Date.parse(frame.expiresAt)));
      },
      onEnded: (refusal) => setError(refusal.message),
    });
  }, [realtime, ws, taskId]);

  // typing indicators end at their expiresAt unless renewed
  useEffect(() => {
    if (typing.size === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [typing.size]);
  const typists = [...typing].filter(([, until]) => until > now).map(([user]) => nameOf(people, user));

  useEffect(() => {
    const escape = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", escape);
    return () => window.removeEventListener("keydown", escape);
  }, [onClose]);

  async function run(command: () => Promise<{ globalPosition: number }>) {
    setError(null);
    try {
      const accepted = await command();
      setTask(await api.task(ws, taskId, accepted.globalPosition)); // read our own write
    } catch (failure) {
      setError(describe(failure));
    }
  }
  const change = (details: TaskDetails) => run(() => api.changeTask(ws, taskId, details));

  async function comment(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body = String(new FormData(form).get("body"));
    if (!body.trim()) return;
    try {
      const accepted = await api.postComment(ws, taskId, body);
      form.reset();
      await loadComments(accepted.globalPosition);
    } catch (failure) {
      setError(describe(failure));
    }
  }

  return (
    <div class="task-panel" role="dialog" aria-modal="false" aria-label={task ? `Task: ${task.title}` : "Task"}>
      <div class="panel-head">
        <Online people={people} users={viewers} label="Viewing this task" />
        <button type="button" class="close" onClick={onClose} aria-label="Close the task">
          ×
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!task && !error && <p class="loading">Loading…</p>}
      {task && (
        <>
          <label class="title-field">
            <span class="visually-hidden">Title</span>
            <input
              key={`title-${task.version}`}
              class="task-title"
              defaultValue={task.title}
              maxLength={200}
              disabled={!canWrite}
              onChange={(event) => {
                const title = (event.target as HTMLInputElement).value.trim();
                if (title && title !== task.title) change({ title });
              }}
            />
          </label>
          <div class="fields">
            <label>
              Status
              <select
                value={task.status}
                disabled={!canWrite}
                onChange={(event) =>
                  run(() => api.changeStatus(ws, taskId, (event.target as HTMLSelectElement).value as TaskStatus))
                }
              >
                {STATUSES.map((status) => (
                  <option value={status}>{STATUS_LABELS[status]}</option>
                ))}
              </select>
            </label>
            <label>
              Assignee
              <select
                value={task.assigneeId ?? ""}
                disabled={!canWrite}
                onChange={(event) => {
                  const value = (event.target as HTMLSelectElement).value;
                  run(() => api.assign(ws, taskId, value === "" ? null : value));
                }}
              >
                <option value="">Nobody</option>
                {members.map((member) => (
                  <option value={member.userId}>{member.displayName}</option>
                ))}
              </select>
            </label>
            <label>
              Priority
              <select
                value={task.priority}
                disabled={!canWrite}
                onChange={(event) => change({ priority: (event.target as HTMLSelectElement).value as TaskPriority })}
              >
                {PRIORITIES.map((priority) => (
                  <option value={priority}>{priority}</option>
                ))}
              </select>
            </label>
            <label>
              Due
              <input
                type="date"
                value={task.dueDate ?? ""}
                disabled={!canWrite}
                onChange={(event) => change({ dueDate: (event.target as HTMLInputElement).value || null })}
              />
            </label>
            <label class="wide">
              Labels
              <input
                key={`labels-${task.version}`}
                defaultValue={task.labels.join(", ")}
                placeholder="comma, separated"
                disabled={!canWrite}
                onChange={(event) => {
                  const labels = [
                    ...new Set(
                      (event.target as HTMLInputElement).value
                        .split(",")
                        .map((label) => label.trim())
                        .filter(Boolean),
                    ),
                  ];
                  change({ labels });
                }}
              />
            </label>
          </div>
          <label class="wide">
            Description
            <textarea
              key={`description-${task.version}`}
              defaultValue={task.description ?? ""}
              rows={5}
              maxLength={20000}
              disabled={!canWrite}
              onChange={(event) => {
                const description = (event.target as HTMLTextAreaElement).value;
                if (description !== (task.description ?? "")) change({ description: description || null });
              }}
            />
          </label>
          <section aria-label="Comments" class="comments">
            <h2>Comments</h2>
            <ol>
              {comments.map((comment) => (
                <li key={comment.id} class="comment">
                  <strong>{nameOf(people, comment.authorId)}</strong>{" "}
                  <time dateTime={comment.createdAt}>{new Date(comment.createdAt).toLocaleString()}</time>
                  <p class="comment-body">{comment.body}</p>
                </li>
              ))}
            </ol>
            <p class="typing" aria-live="polite">
              {typists.length > 0 && `${typists.join(", ")} ${typists.length > 1 ? "are" : "is"} typing…`}
            </p>
            {canWrite && (
              <form onSubmit={comment} aria-label="New comment">
                <label class="visually-hidden" for="comment-body">
                  Comment
                </label>
                <textarea
                  id="comment-body"
                  name="body"
                  rows={3}
                  maxLength={10000}
                  placeholder="Write a comment; @handle mentions a member"
                  onInput={() => realtime.typing(stream)}
                />
                <button type="submit">Comment</button>
              </form>
            )}
          </section>
          <section aria-label="History" class="history">
            <h2>History</h2>
            <ol>
              {history.map((entry) => (
                <li key={entry.version}>
                  <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>{" "}
                  {eventSentence(people, entry.type, entry.actor, entry.change)}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
