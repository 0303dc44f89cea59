import { useEffect, useRef, useState } from "preact/hooks";
import { STATUSES, type Project, type Task, type TaskStatus, type WorkspaceSummary } from "../api/types";
import { apply, boardOf, columns, movedInto, neighboursAt, STATUS_LABELS, upsert, type Board } from "../board/board";
import { api } from "./connection";
import { Avatar, type People } from "./people";
import type { WorkspaceEvents } from "./Workspace";

interface Props {
  workspace: WorkspaceSummary;
  project: Project;
  people: People;
  events: WorkspaceEvents;
  /** Bumped when the board must be read afresh (first subscription, reset). */
  generation: number;
  onOpen(taskId: string): void;
  onError(error: unknown): void;
}

/**
 * One column per status, cards in rank order. Cards move by drag and drop or from the keyboard (Alt+arrows): across
 * columns with the status command, within a column with the rank command. The board follows the workspace stream,
 * so another person's move shows at once; a card of our own moves at once and settles when its event comes back.
 */
export function BoardView({ workspace, project, people, events, generation, onOpen, onError }: Props) {
  const ws = workspace.id;
  const [board, setBoard] = useState<Board>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [drop, setDrop] = useState<{ status: TaskStatus; index: number } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const focusAfterMove = useRef<string | null>(null);
  const canWrite = workspace.role !== "viewer" && !workspace.archived && !project.archived;

  const fetchTask = (taskId: string, minPosition?: number) =>
    api
      .task(ws, taskId, minPosition)
      .then((task) => task.projectId === project.id && setBoard((current) => upsert(current, task)))
      .catch(onError);

  useEffect(() => {
    let current = true;
    api
      .boardTasks(ws, project.id)
      .then((tasks) => {
        if (!current) return;
        // frames may have arrived while the page was read: keep whichever of each card is newer
        setBoard((held) => [...held.values()].reduce(upsert, boardOf(tasks)));
        setLoaded(true);
      })
      .catch(onError);
    return () => (current = false);
  }, [ws, project.id, generation]);

  useEffect(
    () =>
      events.subscribe((frame) => {
        // asked here, not in the state update below, which must not fetch (upsert keeps a newer card)
        if (movedInto(frame, project.id)) fetchTask(frame.aggregateId);
        setBoard((current) => apply(current, project.id, frame).board);
      }),
    [events, project.id],
  );

  useEffect(() => {
    if (focusAfterMove.current) document.getElementById(`card-${focusAfterMove.current}`)?.focus();
    focusAfterMove.current = null;
  });

  const byStatus = columns(board);

  async function create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get("title")).trim();
    if (!title) return;
    try {
      const accepted = await api.createTask(ws, project.id, title, data.get("status") as TaskStatus);
      form.querySelector("input")!.value = ""; // the column stays chosen: people often add several to one
      // read our own write: the task view has it once it reached the command's position
      await fetchTask(accepted.id, accepted.globalPosition);
    } catch (failure) {
      onError(failure);
    }
  }

  async function move(taskId: string, status: TaskStatus, index: number) {
    const task = board.get(taskId);
    if (!task || !canWrite) return;
    const target = byStatus[status];
    const neighbours = neighboursAt(target, taskId, index);
    focusAfterMove.current = taskId;
    try {
      if (task.status !== status) {
        setBoard((current) => new Map(current).set(taskId, { ...task, status }));
        await api.changeStatus(ws, taskId, status);
        if (neighbours.before !== null) await api.rank(ws, taskId, neighbours);
      } else {
        const at = target.findIndex((card) => card.id === taskId);
        const unchanged =
          (target[at - 1]?.id ?? null) === neighbours.after && (target[at + 1]?.id ?? null) === neighbours.before;
        if (unchanged) return;
        await api.rank(ws, taskId, neighbours);
      }
      setAnnouncement(`Moved “${task.title}” to ${STATUS_LABELS[status]}, position ${Math.min(index, target.length) + 1}.`);
    } catch (failure) {
      onError(failure);
      api.boardTasks(ws, project.id).then((tasks) => setBoard(boardOf(tasks))).catch(() => undefined);
    }
  }

  function keyMove(event: KeyboardEvent, task: Task) {
    if (!event.altKey || !event.key.startsWith("Arrow")) return;
    event.preventDefault();
    const column = STATUSES.indexOf(task.status);
    const index = byStatus[task.status].findIndex((card) => card.id === task.id);
    if (event.key === "ArrowLeft" && column > 0) move(task.id, STATUSES[column - 1], byStatus[STATUSES[column - 1]].length);
    if (event.key === "ArrowRight" && column < STATUSES.length - 1)
      move(task.id, STATUSES[column + 1], byStatus[STATUSES[column + 1]].length);
    if (event.key === "ArrowUp" && index > 0) move(task.id, task.status, index - 1);
    if (event.key === "ArrowDown") move(task.id, task.status, index + 2);
  }

  /** The index a card dropped at this pointer position takes: before the first card whose middle is below it. */
  function dropIndex(event: DragEvent, list: HTMLElement): number {
    const cards = [...list.querySelectorAll<HTMLElement>("li.card")];
    const at = cards.findIndex((card) => {
      const box = card.getBoundingClientRect();
      return event.clientY < box.top + box.height / 2;
    });
    return at === -1 ? cards.length : at;
  }

  return (
    <section class="board-area" aria-label={`Board of ${project.name}`}>
      <div class="board-head">
        <h1>{project.name}</h1>
        {canWrite && (
          <form class="new-task" onSubmit={create} aria-label="New task">
            <label class="visually-hidden" for="new-task-title">
              New task title
            </label>
            <input id="new-task-title" name="title" placeholder="New task…" maxLength={200} required />
            <label class="visually-hidden" for="new-task-status">
              Column
            </label>
            <select id="new-task-status" name="status">
              {STATUSES.map((status) => (
                <option value={status} selected={status === "todo"}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
            <button type="submit">Add task</button>
          </form>
        )}
      </div>
      <p class="visually-hidden" id="card-help">
        Alt plus left or right arrow moves the card to another column; Alt plus up or down arrow moves it within its
        column.
      </p>
      <div class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {!loaded && <p class="loading">Loading the board…</p>}
      <div class="board">
        {STATUSES.map((status) => (
          <section
            class={`column ${drop?.status === status ? "drop-target" : ""}`}
            aria-labelledby={`column-${status}`}
            data-status={status}
            key={status}
            onDragOver={(event) => {
              if (!canWrite) return;
              event.preventDefault();
              const list = (event.currentTarget as HTMLElement).querySelector("ul")!;
              setDrop({ status, index: dropIndex(event, list) });
            }}
            onDragLeave={(event) => {
              if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node)) setDrop(null);
            }}
            onDrop={(event) => {
              event.preventDefault();
              const taskId = event.dataTransfer?.getData("text/plain");
              const list = (event.currentTarget as HTMLElement).querySelector("ul")!;
              setDrop(null);
              if (taskId && board.has(taskId)) move(taskId, status, dropIndex(event, list));
            }}
          >
            <h2 id={`column-${status}`}>
              {STATUS_LABELS[status]} <span class="count">{byStatus[status].length}</span>
            </h2>
            <ul>
              {byStatus[status].map((task, index) => (
                <li
                  key={task.id}
                  id={`card-${task.id}`}
                  class={`card ${drop?.status === status && drop.index === index ? "drop-before" : ""}`}
                  data-task-id={task.id}
                  draggable={canWrite}
                  tabIndex={0}
                  aria-describedby="card-help"
                  onDragStart={(event) => {
                    event.dataTransfer?.setData("text/plain", task.id);
                    if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
                  }}
                  onDragEnd={() => setDrop(null)}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" && event.target === event.currentTarget) onOpen(task.id);
                    keyMove(event, task);
                  }}
                >
                  <button type="button" class="card-title" onClick={() => onOpen(task.id)}>
                    {task.title}
                  </button>
                  <div class="card-meta">
                    {task.priority !== "none" && <span class={`priority ${task.priority}`}>{task.priority}</span>}
                    {task.dueDate && <span class="due">due {task.dueDate}</span>}
                    {task.labels.map((label) => (
                      <span class="label" key={label}>
                        {label}
                      </span>
                    ))}
                    {task.assigneeId && <Avatar people={people} userId={task.assigneeId} />}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
