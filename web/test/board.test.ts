import { describe, expect, it } from "vitest";
import { STATUSES, type EventFrame, type Task } from "../src/api/types";
import { apply, boardOf, column, columns, neighboursAt, upsert, type Board } from "../src/board/board";

const WORKSPACE = "5f0c0000-0000-4000-8000-000000000001";
const PROJECT = "70e10000-0000-4000-8000-000000000002";
const OTHER_PROJECT = "70e10000-0000-4000-8000-000000000003";
const THIRD_PROJECT = "70e10000-0000-4000-8000-000000000004";
const TASK = "9a1d0000-0000-4000-8000-000000000005";
const COMMENT = "c0de0000-0000-4000-8000-000000000006";
const ALICE = "a11c0000-0000-4000-8000-000000000007";
const BOB = "b0b00000-0000-4000-8000-000000000008";
const CREATED_AT = "2026-11-28T09:00:00Z";
const EVENT_AT = "2026-11-28T16:40:12.123456Z";

/** A card of PROJECT at version 3, with every field set; override what the test is about. */
function task(overrides: Partial<Task> = {}): Task {
  return {
    id: TASK,
    workspaceId: WORKSPACE,
    projectId: PROJECT,
    title: "Write the release notes",
    description: null,
    status: "todo",
    priority: "none",
    dueDate: null,
    labels: [],
    assigneeId: null,
    watchers: [ALICE],
    rank: "a0",
    createdBy: ALICE,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    version: 3,
    ...overrides,
  };
}

/** A workspace stream event frame as docs/realtime.md describes it: by default TASK's own event at version 4. */
function frame(
  eventType: string,
  data: Record<string, unknown>,
  { version = 4, aggregateId = TASK }: { version?: number; aggregateId?: string } = {},
): EventFrame {
  return {
    type: "event",
    stream: `workspace:${WORKSPACE}`,
    position: 42,
    eventId: `e-${eventType}-${version}`,
    eventType,
    aggregateId,
    version,
    actor: BOB,
    at: EVENT_AT,
    correlationId: "req-7f3a",
    data,
  };
}

/** The card TASK after applying `event` to a board holding `held`. */
function cardAfter(event: EventFrame, held: Task = task()): Task | undefined {
  return apply(boardOf([held]), PROJECT, event).board.get(TASK);
}

const ids = (tasks: Task[]) => tasks.map((card) => card.id);

describe("boardOf", () => {
  it("holds each task under its id", () => {
    const first = task({ id: "t-1" });
    const second = task({ id: "t-2" });

    const board = boardOf([first, second]);

    expect(board.size).toBe(2);
    expect(board.get("t-1")).toBe(first);
    expect(board.get("t-2")).toBe(second);
  });

  it("is empty for no tasks", () => {
    expect(boardOf([]).size).toBe(0);
  });
});

describe("column", () => {
  it("holds only the cards of the given status", () => {
    const board = boardOf([task({ id: "t-1", status: "todo" }), task({ id: "t-2", status: "done" })]);

    expect(ids(column(board, "todo"))).toEqual(["t-1"]);
  });

  it("orders cards by rank", () => {
    const board = boardOf([task({ id: "t-1", rank: "a2" }), task({ id: "t-2", rank: "a0" }), task({ id: "t-3", rank: "a1" })]);

    expect(ids(column(board, "todo"))).toEqual(["t-2", "t-3", "t-1"]);
  });

  it("compares ranks by code unit as the server does, so an upper-case rank comes before a lower-case one", () => {
    const board = boardOf([task({ id: "t-1", rank: "a" }), task({ id: "t-2", rank: "Z" }), task({ id: "t-3", rank: "0" })]);

    expect(ids(column(board, "todo"))).toEqual(["t-3", "t-2", "t-1"]);
  });

  it("orders a shorter rank before a longer one it begins", () => {
    const board = boardOf([task({ id: "t-1", rank: "a0V" }), task({ id: "t-2", rank: "a0" })]);

    expect(ids(column(board, "todo"))).toEqual(["t-2", "t-1"]);
  });

  it("orders cards of equal rank by id", () => {
    const board = boardOf([task({ id: "t-b", rank: "a0" }), task({ id: "t-c", rank: "a0" }), task({ id: "t-a", rank: "a0" })]);

    expect(ids(column(board, "todo"))).toEqual(["t-a", "t-b", "t-c"]);
  });

  it("is empty for a status without cards", () => {
    expect(column(boardOf([task({ status: "todo" })]), "in_review")).toEqual([]);
  });
});

describe("columns", () => {
  it("has one column per status, in the order of the statuses", () => {
    expect(Object.keys(columns(boardOf([])))).toEqual([...STATUSES]);
  });

  it("puts each card in the column of its status, in rank order", () => {
    const board = boardOf([
      task({ id: "t-1", status: "in_progress", rank: "a1" }),
      task({ id: "t-2", status: "backlog" }),
      task({ id: "t-3", status: "in_progress", rank: "a0" }),
    ]);

    const shown = columns(board);

    expect(ids(shown.in_progress)).toEqual(["t-3", "t-1"]);
    expect(ids(shown.backlog)).toEqual(["t-2"]);
    expect(shown.todo).toEqual([]);
  });
});

describe("upsert", () => {
  it("adds a task the board does not hold", () => {
    const added = task({ id: "t-new" });

    expect(upsert(boardOf([task()]), added).get("t-new")).toBe(added);
  });

  it("replaces a card with a newer version of it", () => {
    const newer = task({ title: "Renamed", version: 4 });

    expect(upsert(boardOf([task({ version: 3 })]), newer).get(TASK)).toBe(newer);
  });

  it("keeps the held card when the offered version is older", () => {
    const held = task({ version: 5 });

    expect(upsert(boardOf([held]), task({ title: "Stale", version: 4 })).get(TASK)).toBe(held);
  });

  it("keeps the very same board when the offered version is the held one", () => {
    const board = boardOf([task({ version: 3 })]);

    expect(upsert(board, task({ title: "Same version", version: 3 }))).toBe(board);
  });

  it("leaves the given board as it was", () => {
    const held = task({ version: 3 });
    const board = boardOf([held]);

    upsert(board, task({ version: 4 }));

    expect(board.get(TASK)).toBe(held);
  });
});

describe("apply", () => {
  describe("a TaskCreated event", () => {
    const created = (overrides: Record<string, unknown> = {}, version = 0) =>
      frame(
        "TaskCreated",
        {
          taskId: TASK,
          workspaceId: WORKSPACE,
          projectId: PROJECT,
          title: "Write the release notes",
          description: "For 1.4",
          status: "in_progress",
          rank: "a0V",
          createdBy: ALICE,
          ...overrides,
        },
        { version },
      );

    it("adds a card for a task created in this project", () => {
      const card = apply(boardOf([]), PROJECT, created()).board.get(TASK);

      expect(card).toMatchObject({
        id: TASK,
        workspaceId: WORKSPACE,
        projectId: PROJECT,
        title: "Write the release notes",
        description: "For 1.4",
        status: "in_progress",
        rank: "a0V",
        createdBy: ALICE,
        version: 0,
        createdAt: EVENT_AT,
        updatedAt: EVENT_AT,
      });
    });

    it("makes the creator the new card's only watcher, with no priority, due date, labels or assignee", () => {
      const card = apply(boardOf([]), PROJECT, created()).board.get(TASK);

      expect(card).toMatchObject({ watchers: [ALICE], priority: "none", dueDate: null, labels: [], assigneeId: null });
    });

    it("gives a task created without a description no description", () => {
      const card = apply(boardOf([]), PROJECT, created({ description: null })).board.get(TASK);

      expect(card?.description).toBeNull();
    });

    it("ignores a task created in another project", () => {
      const board = boardOf([]);

      expect(apply(board, PROJECT, created({ projectId: OTHER_PROJECT })).board).toBe(board);
    });

    it("never adds a task the board already holds", () => {
      const board = apply(boardOf([]), PROJECT, created()).board;

      expect(apply(board, PROJECT, created()).board).toBe(board);
    });

    it("keeps the held card when the board read it over HTTP with later changes", () => {
      const held = task({ title: "Renamed since", version: 2 });
      const board = boardOf([held]);

      expect(apply(board, PROJECT, created()).board.get(TASK)).toBe(held);
    });
  });

  describe("a TaskStatusChanged event", () => {
    const changed = frame("TaskStatusChanged", {
      taskId: TASK,
      workspaceId: WORKSPACE,
      from: "todo",
      to: "in_progress",
      rank: "a0V",
      changedBy: BOB,
    });

    it("moves the card to the new status at the new rank", () => {
      expect(cardAfter(changed)).toMatchObject({ status: "in_progress", rank: "a0V" });
    });

    it("gives the card the event's version and time", () => {
      expect(cardAfter(changed)).toMatchObject({ version: 4, updatedAt: EVENT_AT });
    });

    it("keeps the card's other fields", () => {
      const held = task({ title: "Kept", labels: ["ops"], assigneeId: BOB });

      expect(cardAfter(changed, held)).toMatchObject({ title: "Kept", labels: ["ops"], assigneeId: BOB, createdAt: CREATED_AT });
    });

    it("shows the card in its new column", () => {
      const board = apply(boardOf([task()]), PROJECT, changed).board;

      expect(ids(column(board, "in_progress"))).toEqual([TASK]);
      expect(column(board, "todo")).toEqual([]);
    });
  });

  it("sets the card's rank on a TaskRanked event", () => {
    const ranked = frame("TaskRanked", { taskId: TASK, workspaceId: WORKSPACE, rank: "a0V", rankedBy: BOB });

    expect(cardAfter(ranked)).toMatchObject({ rank: "a0V", status: "todo" });
  });

  it("sets the card's assignee on a TaskAssigned event", () => {
    const assigned = frame("TaskAssigned", {
      taskId: TASK,
      workspaceId: WORKSPACE,
      assigneeId: BOB,
      previousAssigneeId: null,
      assignedBy: ALICE,
    });

    expect(cardAfter(assigned)?.assigneeId).toBe(BOB);
  });

  it("clears the card's assignee on a TaskUnassigned event", () => {
    const unassigned = frame("TaskUnassigned", {
      taskId: TASK,
      workspaceId: WORKSPACE,
      previousAssigneeId: BOB,
      unassignedBy: ALICE,
    });

    expect(cardAfter(unassigned, task({ assigneeId: BOB }))?.assigneeId).toBeNull();
  });

  it("sets the card's title on a TaskRenamed event", () => {
    const renamed = frame("TaskRenamed", { taskId: TASK, workspaceId: WORKSPACE, title: "Ship 1.4", changedBy: BOB });

    expect(cardAfter(renamed)?.title).toBe("Ship 1.4");
  });

  it("sets the card's description on a TaskDescriptionChanged event", () => {
    const described = frame("TaskDescriptionChanged", {
      taskId: TASK,
      workspaceId: WORKSPACE,
      description: "All of it",
      changedBy: BOB,
    });

    expect(cardAfter(described)?.description).toBe("All of it");
  });

  it("clears the card's description on a TaskDescriptionChanged event without one", () => {
    const cleared = frame("TaskDescriptionChanged", {
      taskId: TASK,
      workspaceId: WORKSPACE,
      description: null,
      changedBy: BOB,
    });

    expect(cardAfter(cleared, task({ description: "Old" }))?.description).toBeNull();
  });

  it("sets the card's priority on a TaskPriorityChanged event", () => {
    const prioritised = frame("TaskPriorityChanged", {
      taskId: TASK,
      workspaceId: WORKSPACE,
      priority: "urgent",
      changedBy: BOB,
    });

    expect(cardAfter(prioritised)?.priority).toBe("urgent");
  });

  it("sets the card's due date on a TaskDueDateChanged event", () => {
    const due = frame("TaskDueDateChanged", { taskId: TASK, workspaceId: WORKSPACE, dueDate: "2026-12-24", changedBy: BOB });

    expect(cardAfter(due)?.dueDate).toBe("2026-12-24");
  });

  it("clears the card's due date on a TaskDueDateChanged event without one", () => {
    const undue = frame("TaskDueDateChanged", { taskId: TASK, workspaceId: WORKSPACE, dueDate: null, changedBy: BOB });

    expect(cardAfter(undue, task({ dueDate: "2026-12-24" }))?.dueDate).toBeNull();
  });

  it("replaces the card's labels on a TaskLabelsChanged event", () => {
    const labelled = frame("TaskLabelsChanged", {
      taskId: TASK,
      workspaceId: WORKSPACE,
      labels: ["release", "docs"],
      changedBy: BOB,
    });

    expect(cardAfter(labelled, task({ labels: ["old"] }))?.labels).toEqual(["release", "docs"]);
  });

  describe("watch events", () => {
    const watch = (eventType: string, userId: string) => frame(eventType, { taskId: TASK, workspaceId: WORKSPACE, userId });

    it("adds the user to the card's watchers on a TaskWatchStarted event", () => {
      expect(cardAfter(watch("TaskWatchStarted", BOB), task({ watchers: [ALICE] }))?.watchers).toEqual([ALICE, BOB]);
    });

    it("does not add a user who already watches the card twice", () => {
      expect(cardAfter(watch("TaskWatchStarted", ALICE), task({ watchers: [ALICE, BOB] }))?.watchers).toEqual([ALICE, BOB]);
    });

    it("removes the user from the card's watchers on a TaskWatchStopped event", () => {
      expect(cardAfter(watch("TaskWatchStopped", ALICE), task({ watchers: [ALICE, BOB] }))?.watchers).toEqual([BOB]);
    });

    it("keeps the watchers when a user who did not watch the card stops", () => {
      expect(cardAfter(watch("TaskWatchStopped", BOB), task({ watchers: [ALICE] }))?.watchers).toEqual([ALICE]);
    });

    it("does not change the watchers the held card had", () => {
      const held = task({ watchers: [ALICE] });

      cardAfter(watch("TaskWatchStarted", BOB), held);

      expect(held.watchers).toEqual([ALICE]);
    });
  });

  describe("a TaskDeleted event", () => {
    const deleted = (version = 4) => frame("TaskDeleted", { taskId: TASK, workspaceId: WORKSPACE, deletedBy: BOB }, { version });

    it("removes the card", () => {
      expect(apply(boardOf([task()]), PROJECT, deleted()).board.has(TASK)).toBe(false);
    });

    it("keeps the other cards", () => {
      const other = task({ id: "t-other" });

      expect(apply(boardOf([task(), other]), PROJECT, deleted()).board.get("t-other")).toBe(other);
    });

    it("changes nothing for a task the board does not hold", () => {
      const board = boardOf([task({ id: "t-other" })]);

      expect(apply(board, PROJECT, deleted()).board).toBe(board);
    });
  });

  describe("a TaskMoved event", () => {
    const moved = (fromProjectId: string, toProjectId: string, version = 4) =>
      frame(
        "TaskMoved",
        { taskId: TASK, workspaceId: WORKSPACE, fromProjectId, toProjectId, rank: "b0", movedBy: BOB },
        { version },
      );

    it("asks to fetch a task moved into this project", () => {
      expect(apply(boardOf([]), PROJECT, moved(OTHER_PROJECT, PROJECT)).fetch).toBe(TASK);
    });

    it("leaves the board as it is while the task moved into this project is fetched", () => {
      const board = boardOf([]);

      expect(apply(board, PROJECT, moved(OTHER_PROJECT, PROJECT)).board).toBe(board);
    });

    it("removes a card moved out of this project", () => {
      const outcome = apply(boardOf([task()]), PROJECT, moved(PROJECT, OTHER_PROJECT));

      expect(outcome.board.has(TASK)).toBe(false);
      expect(outcome.fetch).toBeUndefined();
    });

    it("changes nothing for a move between two other projects", () => {
      const board = boardOf([task({ id: "t-other" })]);

      expect(apply(board, PROJECT, moved(OTHER_PROJECT, THIRD_PROJECT))).toEqual({ board });
    });

    it("does not remove a card that already shows a later move back into this project", () => {
      const held = task({ version: 6 });
      const board = boardOf([held]);

      expect(apply(board, PROJECT, moved(PROJECT, OTHER_PROJECT, 5)).board).toBe(board);
    });

    it("does not fetch a task whose card already shows its move into this project", () => {
      const board = boardOf([task({ version: 5 })]);

      expect(apply(board, PROJECT, moved(OTHER_PROJECT, PROJECT, 5))).toEqual({ board });
    });
  });

  describe("versions", () => {
    const renamed = (version: number) =>
      frame("TaskRenamed", { taskId: TASK, workspaceId: WORKSPACE, title: "Stale", changedBy: BOB }, { version });

    it("changes nothing for a frame whose version is the card's", () => {
      const board = boardOf([task({ version: 3 })]);

      expect(apply(board, PROJECT, renamed(3)).board).toBe(board);
    });

    it("changes nothing for a frame older than the card", () => {
      const board = boardOf([task({ version: 3 })]);

      expect(apply(board, PROJECT, renamed(2)).board).toBe(board);
    });

    it("does not remove a card for a deletion older than the card", () => {
      const board = boardOf([task({ version: 3 })]);
      const deleted = frame("TaskDeleted", { taskId: TASK, workspaceId: WORKSPACE, deletedBy: BOB }, { version: 3 });

      expect(apply(board, PROJECT, deleted).board).toBe(board);
    });

    it("changes nothing for a change to a task the board does not hold", () => {
      const board = boardOf([task({ id: "t-other" })]);

      expect(apply(board, PROJECT, renamed(9))).toEqual({ board });
    });

    it("applies a frame one version newer than the card", () => {
      expect(apply(boardOf([task({ version: 3 })]), PROJECT, renamed(4)).board.get(TASK)?.title).toBe("Stale");
    });
  });

  describe("events of other aggregates", () => {
    it("changes nothing for a comment's event, although its data names the task", () => {
      const board = boardOf([task()]);
      const posted = frame(
        "CommentPosted",
        { commentId: COMMENT, taskId: TASK, workspaceId: WORKSPACE, authorId: BOB, body: "Done?" },
        { aggregateId: COMMENT, version: 0 },
      );

      expect(apply(board, PROJECT, posted)).toEqual({ board });
    });

    it("changes nothing for a comment event whose version is newer than the card's", () => {
      const board = boardOf([task({ version: 3 })]);
      const edited = frame("CommentEdited", { commentId: COMMENT, taskId: TASK, body: "Done!" }, { aggregateId: COMMENT, version: 9 });

      expect(apply(board, PROJECT, edited).board).toBe(board);
    });

    it("changes nothing for an event without a task", () => {
      const board = boardOf([task()]);
      const renamed = frame("ProjectRenamed", { projectId: PROJECT, name: "Renamed" }, { aggregateId: PROJECT });

      expect(apply(board, PROJECT, renamed)).toEqual({ board });
    });
  });

  describe("a task event the board does not show", () => {
    const scanned = frame("AttachmentScanned", { taskId: TASK, workspaceId: WORKSPACE, attachmentId: "f-1", verdict: "clean" });

    it("gives the card the event's version and time", () => {
      expect(cardAfter(scanned)).toMatchObject({ version: 4, updatedAt: EVENT_AT });
    });

    it("changes nothing else on the card", () => {
      const { version: _version, updatedAt: _updatedAt, ...rest } = task();

      expect(cardAfter(scanned)).toMatchObject(rest);
    });
  });

  it("leaves the given board as it was", () => {
    const held = task();
    const board: Board = boardOf([held]);

    apply(board, PROJECT, frame("TaskRenamed", { taskId: TASK, workspaceId: WORKSPACE, title: "New", changedBy: BOB }));

    expect(board.get(TASK)).toBe(held);
  });
});

describe("neighboursAt", () => {
  // a column as shown: a, b, c, d from top to bottom; an index is the gap the card is dropped into (0 = the top)
  const shown = ["a", "b", "c", "d"].map((id, place) => task({ id, rank: `a${place}` }));

  it("puts a card moved down its column between the cards around the gap", () => {
    expect(neighboursAt(shown, "a", 3)).toEqual({ after: "c", before: "d" });
  });

  it("puts a card moved one place down after the card that was below it", () => {
    expect(neighboursAt(shown, "b", 3)).toEqual({ after: "c", before: "d" });
  });

  it("puts a card moved up its column between the cards around the gap", () => {
    expect(neighboursAt(shown, "d", 1)).toEqual({ after: "a", before: "b" });
  });

  it("puts a card moved one place up before the card that was above it", () => {
    expect(neighboursAt(shown, "c", 1)).toEqual({ after: "a", before: "b" });
  });

  it("gives no card above a card dropped at the top of its column", () => {
    expect(neighboursAt(shown, "c", 0)).toEqual({ after: null, before: "a" });
  });

  it("gives no card below a card dropped at the end of its column", () => {
    expect(neighboursAt(shown, "a", 4)).toEqual({ after: "d", before: null });
  });

  it("keeps the neighbours of a card dropped into the gap just above itself", () => {
    expect(neighboursAt(shown, "b", 1)).toEqual({ after: "a", before: "c" });
  });

  it("keeps the neighbours of a card dropped into the gap just below itself", () => {
    expect(neighboursAt(shown, "b", 2)).toEqual({ after: "a", before: "c" });
  });

  it("gives no neighbours for a card dropped into an empty column", () => {
    expect(neighboursAt([], "x", 0)).toEqual({ after: null, before: null });
  });

  it("gives no neighbours for a card dropped back into a column it is alone in", () => {
    expect(neighboursAt([task({ id: "x" })], "x", 1)).toEqual({ after: null, before: null });
  });

  it("puts a card from another column between the cards around the gap", () => {
    expect(neighboursAt(shown, "x", 2)).toEqual({ after: "b", before: "c" });
  });

  it("puts a card from another column dropped at the top before the first card", () => {
    expect(neighboursAt(shown, "x", 0)).toEqual({ after: null, before: "a" });
  });

  it("puts a card from another column dropped at the end after the last card", () => {
    expect(neighboursAt(shown, "x", 4)).toEqual({ after: "d", before: null });
  });

  it("treats an index past the end as the end", () => {
    expect(neighboursAt(shown, "x", 9)).toEqual({ after: "d", before: null });
  });
});
