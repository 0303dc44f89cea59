import { STATUS_LABELS } from "../board/board";
import type { TaskStatus } from "../api/types";
import { nameOf, type People } from "./people";

/** One line for an event, as the activity feed and a task's history show it. User text stays text. */
export function eventSentence(
  people: People,
  type: string,
  actor: string | null,
  data: Record<string, unknown>,
): string {
  const who = actor ? nameOf(people, actor) : "TaskMesh";
  const title = typeof data.title === "string" ? `“${data.title}”` : "a task";
  const status = (value: unknown) => STATUS_LABELS[value as TaskStatus] ?? String(value);
  switch (type.replace(/Event$/, "")) {
    case "TaskCreated":
      return `${who} created ${title}`;
    case "TaskStatusChanged":
      return `${who} moved a task from ${status(data.from)} to ${status(data.to)}`;
    case "TaskAssigned":
      return `${who} assigned a task to ${nameOf(people, data.assigneeId as string)}`;
    case "TaskUnassigned":
      return `${who} unassigned a task`;
    case "TaskRenamed":
      return `${who} renamed a task to ${title}`;
    case "TaskRanked":
      return `${who} reordered a task`;
    case "TaskMoved":
      return `${who} moved a task to another project`;
    case "TaskDeleted":
      return `${who} deleted a task`;
    case "CommentPosted":
      return `${who} commented`;
    case "CommentEdited":
      return `${who} edited a comment`;
    case "ProjectCreated":
      return `${who} created the project “${String(data.name)}”`;
    case "MemberAdded":
      return `${who} added ${nameOf(people, data.userId as string)}`;
    default:
      return `${who}: ${type.replace(/Event$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`;
  }
}
