import { Session, type TokenStore } from "./session";
import type {
  CommandAccepted,
  Comment,
  FeedItem,
  HistoryEntry,
  Member,
  Notification,
  Page,
  Problem,
  Project,
  SearchPage,
  Task,
  TaskPriority,
  TaskStatus,
  TokenPair,
  UserProfile,
  WorkspaceSummary,
} from "./types";

/** An answer that was not a success, with its RFC 9457 problem (or one made up for a body that was not one). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The slug of the problem's type: `validation-failed`, `conflict`, … (docs/api.md lists them). */
  get slug(): string {
    return this.problem.type.substring(this.problem.type.lastIndexOf("/") + 1);
  }
}

type Query = Record<string, string | number | boolean | string[] | null | undefined>;

export interface TaskDetails {
  title?: string;
  description?: string | null;
  priority?: TaskPriority;
  dueDate?: string | null;
  labels?: string[];
}

/**
 * The typed client of TaskMesh's HTTP API. Every call carries a fresh access token (one refresh and one retry after
 * a 401), and a read after a write passes the write's globalPosition as minPosition to read it back.
 */
export class TaskMeshApi {
  readonly session: Session;

  constructor(
    readonly baseUrl: string,
    store: TokenStore,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {
    this.session = new Session((token) => this.refresh(token), store);
  }

  // --- sign-in ---

  async register(body: { email: string; handle: string; displayName: string; password: string }): Promise<void> {
    await this.call("POST", "/api/auth/register", { body, anonymous: true });
  }

  async login(email: string, password: string): Promise<void> {
    const pair = await this.call<TokenPair>("POST", "/api/auth/login", { body: { email, password }, anonymous: true });
    this.session.start(pair);
  }

  async logout(): Promise<void> {
    const refreshToken = this.session.refreshToken();
    this.session.end();
    if (refreshToken !== null) {
      await this.call("POST", "/api/auth/logout", { body: { refreshToken }, anonymous: true }).catch(() => undefined);
    }
  }

  private async refresh(refreshToken: string): Promise<TokenPair | null> {
    try {
      return await this.call<TokenPair>("POST", "/api/auth/refresh", { body: { refreshToken }, anonymous: true });
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        return null; // the login is over (expired, revoked, reused): sign in again
      }
      throw error;
    }
  }

  me = () => this.call<UserProfile>("GET", "/api/users/me");

  // --- the links in emails (each carries a single-use token) ---

  requestPasswordReset = (email: string) =>
    this.call<void>("POST", "/api/auth/password-reset", { body: { email }, anonymous: true });
  confirmPasswordReset = (token: string, newPassword: string) =>
    this.call<CommandAccepted>("POST", "/api/auth/password-reset/confirm", {
      body: { token, newPassword },
      anonymous: true,
    });
  verifyEmail = (token: string) =>
    this.call<void>("POST", "/api/auth/verify-email", { body: { token }, anonymous: true });
  answerInvitation = (invitation: string, answer: "accept" | "decline", token: string | null) =>
    this.call<CommandAccepted>("POST", `/api/invitations/${invitation}/${answer}`, {
      body: token === null ? {} : { token },
    });

  // --- workspaces, members, projects ---

  workspaces = () => this.call<Page<WorkspaceSummary>>("GET", "/api/workspaces", { query: { limit: 200 } });
  createWorkspace = (name: string) => this.call<CommandAccepted>("POST", "/api/workspaces", { body: { name } });
  members = (ws: string) =>
    this.call<Page<Member>>("GET", `/api/workspaces/${ws}/members`, { query: { limit: 200 } });
  addMember = (ws: string, userId: string, role: string) =>
    this.call<CommandAccepted>("POST", `/api/workspaces/${ws}/members`, { body: { userId, role } });
  invite = (ws: string, email: string, role: string) =>
    this.call<void>("POST", `/api/workspaces/${ws}/invitations`, { body: { email, role } });
  projects = (ws: string, minPosition?: number) =>
    this.call<Page<Project>>("GET", `/api/workspaces/${ws}/projects`, { query: { limit: 200, minPosition } });
  createProject = (ws: string, name: string) =>
    this.call<CommandAccepted>("POST", `/api/workspaces/${ws}/projects`, { body: { name } });

  // --- tasks ---

  /** Every task of a project in board order (column by column, each by rank), all pages. */
  async boardTasks(ws: string, project: string, minPosition?: number): Promise<Task[]> {
    const tasks: Task[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Task> = await this.call<Page<Task>>("GET", `/api/workspaces/${ws}/projects/${project}/tasks`, {
        query: { limit: 200, cursor, minPosition },
      });
      tasks.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return tasks;
  }

  task = (ws: string, task: string, minPosition?: number) =>
    this.call<Task>("GET", `/api/workspaces/${ws}/tasks/${task}`, { query: { minPosition } });
  history = (ws: string, task: string) =>
    this.call<Page<HistoryEntry>>("GET", `/api/workspaces/${ws}/tasks/${task}/history`, { query: { limit: 200 } });
  createTask = (ws: string, project: string, title: string, status?: TaskStatus) =>
    this.call<CommandAccepted>("POST", `/api/workspaces/${ws}/projects/${project}/tasks`, {
      body: { title, status },
    });
  changeTask = (ws: string, task: string, details: TaskDetails) =>
    this.call<CommandAccepted>("PATCH", `/api/workspaces/${ws}/tasks/${task}`, {
      body: details,
      contentType: "application/merge-patch+json",
    });
  assign = (ws: string, task: string, assigneeId: string | null) =>
    this.call<CommandAccepted>("POST", `/api/workspaces/${ws}/tasks/${task}/assignee`, { body: { assigneeId } });
  changeStatus = (ws: string, task: string, status: TaskStatus) =>
    this.call<CommandAccepted>("POST", `/api/workspaces/${ws}/tasks/${task}/status`, { body: { status } });
  /** Places the card between `after` (the card above it) and `before` (the card below it). */
  rank = (ws: string, task: string, neighbours: { after?: string | null; before?: string | null }) =>
    this.call<CommandAccepted>("POST", `/api/workspaces/${ws}/tasks/${task}/rank`, { body: neighbours });
  deleteTask = (ws: string, task: string) =>
    this.call<CommandAccepted>("DELETE", `/api/workspaces/${ws}/tasks/${task}`);

  // --- comments ---

  comments = (ws: string, task: string, minPosition?: number) =>
    this.call<Page<Comment>>("GET", `/api/workspaces/${ws}/tasks/${task}/comments`, {
      query: { limit: 200, minPosition },
    });
  postComment = (ws: string, task: string, body: string) =>
    this.call<CommandAccepted>("POST", `/api/workspaces/${ws}/tasks/${task}/comments`, { body: { body } });

  // --- search, feed, notifications ---

  search = (ws: string, q: string, limit = 20) =>
    this.call<SearchPage>("GET", `/api/workspaces/${ws}/search`, { query: { q, limit } });
  feed = (ws: string, minPosition?: number) =>
    this.call<Page<FeedItem>>("GET", "/api/me/feed", { query: { workspace: ws, limit: 30, minPosition } });
  notifications = () => this.call<Page<Notification>>("GET", "/api/me/notifications", { query: { limit: 30 } });
  unreadCount = () => this.call<{ count: number }>("GET", "/api/me/notifications/unread-count");
  markRead = (id: string) => this.call<CommandAccepted>("POST", `/api/me/notifications/${id}/read`);
  markAllRead = () => this.call<CommandAccepted>("POST", "/api/me/notifications/read-all");

  // --- the one request path ---

  async call<T>(
    method: string,
    path: string,
    options: { body?: unknown; query?: Query; anonymous?: boolean; contentType?: string } = {},
  ): Promise<T> {
    const url = this.baseUrl + path + queryString(options.query);
    const send = async (token: string | null) => {
      const headers: Record<string, string> = { Accept: "application/json" };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      if (options.body !== undefined) headers["Content-Type"] = options.contentType ?? "application/json";
      return this.fetchImpl(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    };
    let token = options.anonymous ? null : await this.session.accessToken();
    if (!options.anonymous && token === null) {
      throw new ApiError(signedOut());
    }
    let response = await send(token);
    if (response.status === 401 && !options.anonymous) {
      token = await this.session.renew(); // revoked or expired early: one refresh, one retry
      if (token === null) throw new ApiError(signedOut());
      response = await send(token);
    }
    if (!response.ok) {
      throw new ApiError(await problemOf(response));
    }
    const text = await response.text();
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body.type === "string") return body as Problem;
  } catch {
    // not JSON: a proxy's error page, say
  }
  return { type: "about:blank", title: response.statusText || "Request failed", status: response.status };
}

function signedOut(): Problem {
  return { type: "unauthenticated", title: "Signed out", status: 401, detail: "Sign in again." };
}
