// Wire types of the public HTTP API (docs/api.md) and of the taskmesh.v1 WebSocket protocol (docs/realtime.md).

export type Uuid = string;

export const STATUSES = ["backlog", "todo", "in_progress", "in_review", "done", "cancelled"] as const;
export type TaskStatus = (typeof STATUSES)[number];

export const PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
export type TaskPriority = (typeof PRIORITIES)[number];

export type Role = "owner" | "admin" | "member" | "viewer";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every command's answer: the id it made or changed, that aggregate's version and its event's global position. */
export interface CommandAccepted {
  id: Uuid;
  version: number;
  globalPosition: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

export interface UserProfile {
  id: Uuid;
  handle: string;
  displayName: string;
  timeZone: string;
  emailVerified: boolean;
}

export interface WorkspaceSummary {
  id: Uuid;
  name: string;
  role: Role;
  createdAt: string;
  archived: boolean;
}

export interface Member {
  userId: Uuid;
  handle: string;
  displayName: string;
  role: Role;
  joinedAt: string;
}

export interface Project {
  id: Uuid;
  workspaceId: Uuid;
  name: string;
  description: string | null;
  archived: boolean;
  createdBy: Uuid;
  createdAt: string;
  version: number;
}

export interface Task {
  id: Uuid;
  workspaceId: Uuid;
  projectId: Uuid;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  dueDate: string | null;
  labels: string[];
  assigneeId: Uuid | null;
  watchers: Uuid[];
  rank: string;
  createdBy: Uuid;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Comment {
  id: Uuid;
  taskId: Uuid;
  authorId: Uuid;
  body: string;
  mentions: Uuid[];
  createdAt: string;
  editedAt: string | null;
  version: number;
}

export interface HistoryEntry {
  version: number;
  type: string;
  actor: Uuid | null;
  at: string;
  change: Record<string, unknown>;
}

export interface FeedItem {
  eventId: Uuid;
  eventType: string;
  workspaceId: Uuid;
  aggregateId: Uuid;
  actor: Uuid | null;
  at: string;
  data: Record<string, unknown>;
}

export interface Party {
  id: string;
  name: string;
}

export interface Notification {
  id: Uuid;
  kind: string;
  workspaceId: Uuid;
  workspaceName: string;
  actor: Party | null;
  task: Party | null;
  project: Party | null;
  excerpt: string | null;
  createdAt: string;
  read: boolean;
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  taskId: Uuid;
  projectId: Uuid;
  title: string;
  status: TaskStatus;
  assigneeId: Uuid | null;
  labels: string[];
  updatedAt: string;
  snippet: SnippetPart[];
}

export interface SearchPage extends Page<SearchHit> {
  didYouMean: string | null;
}

/** An RFC 9457 problem, as every error of the API answers. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { pointer?: string; parameter?: string; header?: string; detail: string }[];
  [extension: string]: unknown;
}

// --- taskmesh.v1 frames (server → client) ---

export interface EventFrame {
  type: "event";
  stream: string;
  position: number;
  eventId: Uuid;
  eventType: string;
  aggregateId: Uuid;
  version: number;
  actor?: Uuid;
  at: string;
  correlationId?: string;
  data: Record<string, unknown>;
}

export interface NotificationFrame {
  type: "notification";
  stream: string;
  position: number;
  unreadCount: number;
  data: Notification;
}

export interface UnreadCountFrame {
  type: "unread-count";
  stream: string;
  position: number;
  unreadCount: number;
}

/** Frames that hold a place in their stream: replayed after a reconnect, de-duplicated by (stream, position). */
export type PositionedFrame = EventFrame | NotificationFrame | UnreadCountFrame;

export interface PresenceFrame {
  type: "presence";
  stream: string;
  kind: "snapshot" | "join" | "leave";
  users: Uuid[];
}

export interface TypingFrame {
  type: "typing";
  stream: string;
  user: Uuid;
  expiresAt: string;
}

export interface ErrorFrame {
  type: "error";
  ref?: string | number;
  code: string;
  message: string;
  stream?: string;
}

export type ServerFrame =
  | PositionedFrame
  | PresenceFrame
  | TypingFrame
  | ErrorFrame
  | { type: "subscribed"; ref?: string | number; stream: string; position: number }
  | { type: "reset"; ref?: string | number; stream: string; position: number }
  | { type: "unsubscribed"; ref?: string | number; stream: string }
  | { type: "pong"; ref?: string | number }
  | { type: "authenticated"; ref?: string | number; expiresAt: string };
