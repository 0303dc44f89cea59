import type { ErrorFrame, PositionedFrame, PresenceFrame, ServerFrame, TypingFrame } from "./types";

/** What a stream's follower is told. Positioned frames arrive once each, in order, across reconnects. */
export interface StreamHandlers {
  /** The subscription is confirmed; `head` is the stream's position then (fetch state over HTTP after this). */
  onSubscribed?(head: number): void;
  onFrame(frame: PositionedFrame): void;
  /** The client missed more than the server retains (or held a position the server never gave): refetch state. */
  onReset?(): void;
  onPresence?(frame: PresenceFrame): void;
  onTyping?(frame: TypingFrame): void;
  /** A refusal about this stream (`forbidden`, `membership-revoked`): the subscription has ended. */
  onEnded?(error: ErrorFrame): void;
}

export type ConnectionState = "connecting" | "open" | "offline";

export interface RealtimeOptions {
  /** A fresh access token, or null when the login is over (then the client stops). */
  token(): Promise<string | null>;
  /** Forces a new access token: after a 4401 close, or a failed handshake that may be an expired token. */
  renewToken(): Promise<string | null>;
  /** When the current token expires (ms since the epoch): the client sends `auth` with a new one a minute before. */
  tokenExpiresAt(): number | null;
  WebSocket?: typeof WebSocket;
  /** First retry delay and ceiling (ms); each failed attempt doubles the delay, with up to a quarter added at random. */
  backoff?: { initial: number; max: number };
  random?: () => number;
  onState?(state: ConnectionState): void;
}

interface Follow {
  handlers: StreamHandlers;
  /** The last position applied; null until the first subscription says where live begins. */
  last: number | null;
  subscribed: boolean;
}

const PROTOCOL = "taskmesh.v1";

/**
 * One WebSocket for every stream a page follows (docs/realtime.md). It reconnects by itself with exponential
 * backoff and jitter, resubscribes each stream with `since` = the last position it applied, drops any frame at or
 * below that position (so a frame replayed after a reconnect is applied once), turns `reset` into a refetch, and
 * keeps its token fresh with `auth` frames.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private readonly follows = new Map<string, Follow>();
  private attempt = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private authTimer: ReturnType<typeof setTimeout> | null = null;
  private opened = false;
  /** Between asking for a token and having a socket: no second connection may start meanwhile. */
  private starting = false;
  private state: ConnectionState = "offline";
  private readonly WebSocketImpl: typeof WebSocket;
  private readonly backoff: { initial: number; max: number };
  private readonly random: () => number;

  constructor(
    private readonly url: string,
    private readonly options: RealtimeOptions,
  ) {
    this.WebSocketImpl = options.WebSocket ?? WebSocket;
    this.backoff = options.backoff ?? { initial: 500, max: 15_000 };
    this.random = options.random ?? Math.random;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Follows `stream` from `since` (the last position the caller holds), or live from now. */
  follow(stream: string, handlers: StreamHandlers, since: number | null = null): () => void {
    this.follows.set(stream, { handlers, last: since, subscribed: false });
    this.sendSubscribe(stream);
    this.connect();
    return () => this.unfollow(stream);
  }

  unfollow(stream: string): void {
    const follow = this.follows.get(stream);
    if (!follow) return;
    this.follows.delete(stream);
    this.send({ type: "unsubscribe", stream });
  }

  /** The last position applied on a stream, to resume from elsewhere (another page load, say). */
  position(stream: string): number | null {
    return this.follows.get(stream)?.last ?? null;
  }

  /** Tells the stream's other subscribers this user is typing (the server passes on one a second at most). */
  typing(stream: string): void {
    if (this.follows.get(stream)?.subscribed) this.send({ type: "typing", stream });
  }

  close(): void {
    this.stopped = true;
    this.clearTimers();
    this.socket?.close(1000, "bye");
    this.socket = null;
    this.setState("offline");
  }

  private connect(): void {
    if (this.socket !== null || this.retryTimer !== null || this.starting || this.stopped) return;
    this.starting = true;
    this.open()
      .catch(() => this.scheduleRetry())
      .finally(() => (this.starting = false));
  }

  private async open(): Promise<void> {
    this.setState("connecting");
    const token = await this.options.token();
    if (token === null) {
      this.close(); // signed out
      return;
    }
    if (this.stopped) return;
    const socket = new this.WebSocketImpl(this.url, [PROTOCOL, `bearer.${token}`]);
    this.socket = socket;
    this.opened = false;
    socket.onopen = () => {
      this.opened = true;
      this.setState("open");
      for (const stream of this.follows.keys()) this.sendSubscribe(stream);
      this.scheduleAuth();
    };
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const follow of this.follows.values()) follow.subscribed = false;
      this.clearTimers();
      this.closed(event.code, this.opened);
    };
  }

  private closed(code: number, wasOpen: boolean): void {
    if (this.stopped) return;
    this.setState("offline");
    if (code === 4401 || code === 4403 || (code === 1006 && !wasOpen)) {
      // the token expired or its login ended; or the handshake was refused, which a browser cannot tell apart
      // from a node that is down: renew the token (a refused refresh ends the session and stops us) and retry
      this.options
        .renewToken()
        .then((token) => (token === null ? this.close() : this.scheduleRetry()))
        .catch(() => this.scheduleRetry());
      return;
    }
    if (code === 1012 || (code === 4408 && wasOpen)) {
      // a node going away, or we fell behind: another node (or this one) resumes us from our positions
      this.attempt = 0;
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer !== null) return;
    const base = Math.min(this.backoff.max, this.backoff.initial * 2 ** this.attempt);
    this.attempt++;
    const delay = base + base * 0.25 * this.random();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private scheduleAuth(): void {
    const expiresAt = this.options.tokenExpiresAt();
    if (expiresAt === null) return;
    const due = Math.max(1_000, expiresAt - Date.now() - 60_000);
    const socket = this.socket;
    this.authTimer = setTimeout(async () => {
      this.authTimer = null;
      const token = await this.options.renewToken().catch(() => null);
      // closed, or a new socket (with its own auth schedule) took over while renewing: scheduling again here would
      // leave a second schedule running, or one that outlives close()
      if (this.stopped || this.socket !== socket) return;
      if (token !== null) {
        this.send({ type: "auth", token });
        this.scheduleAuth();
      }
    }, due);
  }

  private receive(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case "subscribed": {
        const follow = this.follows.get(frame.stream);
        if (!follow) return;
        follow.subscribed = true;
        this.attempt = 0; // a whole round trip worked: the next drop starts its backoff afresh
        if (follow.last === null) follow.last = frame.position; // live from here
        follow.handlers.onSubscribed?.(frame.position);
        return;
      }
      case "event":
      case "notification":
      case "unread-count": {
        const follow = this.follows.get(frame.stream);
        // at or below what we hold: the replay after a reconnect overlapping what was already applied
        if (!follow || follow.last === null || frame.position <= follow.last) return;
        follow.last = frame.position;
        follow.handlers.onFrame(frame);
        return;
      }
      case "reset": {
        const follow = this.follows.get(frame.stream);
        if (!follow) return;
        follow.last = frame.position;
        follow.handlers.onReset?.();
        return;
      }
      case "presence":
        this.follows.get(frame.stream)?.handlers.onPresence?.(frame);
        return;
      case "typing":
        this.follows.get(frame.stream)?.handlers.onTyping?.(frame);
        return;
      case "error":
        this.refused(frame);
        return;
      default:
        return; // pong, authenticated, unsubscribed: nothing to do
    }
  }

  private refused(error: ErrorFrame): void {
    const stream = error.stream;
    const follow = stream === undefined ? undefined : this.follows.get(stream);
    if (stream === undefined || !follow) return;
    if (error.code === "invalid-since") {
      // we hold a position the server never gave (its history was restored from an older backup): start afresh
      follow.last = null;
      this.sendSubscribe(stream);
      follow.handlers.onReset?.();
    } else if (error.code === "forbidden" || error.code === "membership-revoked") {
      this.follows.delete(stream);
      follow.handlers.onEnded?.(error);
    }
  }

  private sendSubscribe(stream: string): void {
    const follow = this.follows.get(stream);
    if (!follow) return;
    this.send({ type: "subscribe", stream, ...(follow.last !== null && { since: follow.last }) });
  }

  private send(frame: object): void {
    if (this.socket !== null && this.opened && this.socket.readyState === 1) {
      this.socket.send(JSON.stringify(frame));
    }
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.authTimer !== null) clearTimeout(this.authTimer);
    this.retryTimer = null;
    this.authTimer = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState?.(state);
  }
}
