import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealtimeClient, type ConnectionState, type RealtimeOptions, type StreamHandlers } from "../src/api/realtime";
import type { ErrorFrame, PositionedFrame, PresenceFrame, TypingFrame } from "../src/api/types";
import { FakeWebSocket } from "./fake-websocket";

const SOCKET_URL = "ws://taskmesh.test/ws";
const WORKSPACE = "workspace:5f0c0000-0000-4000-8000-000000000001";
const TASK = "task:9a1d0000-0000-4000-8000-000000000002";
const USER = "user:c2f70000-0000-4000-8000-000000000003";

/** Lets pending promise callbacks run (the client awaits its token before it opens a socket). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

function handlers() {
  return {
    onSubscribed: vi.fn<(head: number) => void>(),
    onFrame: vi.fn<(frame: PositionedFrame) => void>(),
    onReset: vi.fn<() => void>(),
    onPresence: vi.fn<(frame: PresenceFrame) => void>(),
    onTyping: vi.fn<(frame: TypingFrame) => void>(),
    onEnded: vi.fn<(error: ErrorFrame) => void>(),
  } satisfies StreamHandlers;
}

type Handlers = ReturnType<typeof handlers>;

const applied = (h: Handlers) => h.onFrame.mock.calls.map(([frame]) => frame.position);

function event(stream: string, position: number) {
  return {
    type: "event",
    stream,
    position,
    eventId: `e-${position}`,
    eventType: "TaskStatusChanged",
    aggregateId: "9a1d0000-0000-4000-8000-000000000002",
    version: position,
    at: "2026-11-28T16:40:12.123456Z",
    data: {},
  };
}

function positioned(type: PositionedFrame["type"], stream: string, position: number) {
  if (type === "event") return event(stream, position);
  if (type === "notification") return { type, stream, position, unreadCount: position, data: {} };
  return { type, stream, position, unreadCount: position };
}

/** A client over fake sockets: tokens t1, t2, … (each renewal makes the next), no jitter, backoff 100 ms to 1 s. */
function harness(overrides: Partial<RealtimeOptions> = {}) {
  let serial = 1;
  let current: string | null = "t1";
  const states: ConnectionState[] = [];
  const options = {
    token: vi.fn(async () => current),
    renewToken: vi.fn(async (): Promise<string | null> => (current = `t${++serial}`)),
    tokenExpiresAt: vi.fn((): number | null => null),
    WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    backoff: { initial: 100, max: 1_000 },
    random: () => 0,
    onState: (state: ConnectionState) => states.push(state),
    ...overrides,
  };
  const client = new RealtimeClient(SOCKET_URL, options);
  return { client, options, states };
}

/** Follows `stream`, lets the socket open and confirms the subscription at `head`. */
async function following(client: RealtimeClient, stream: string, h: Handlers, head = 0, since: number | null = null) {
  client.follow(stream, h, since);
  await settle();
  const socket = FakeWebSocket.last;
  if (socket.readyState === FakeWebSocket.CONNECTING) socket.open();
  socket.receive({ type: "subscribed", stream, position: head });
  return socket;
}

/** The next socket appears exactly `ms` after now, not a millisecond before. */
async function expectNextSocketAfter(ms: number): Promise<FakeWebSocket> {
  const count = FakeWebSocket.instances.length;
  await advance(ms - 1);
  expect(FakeWebSocket.instances).toHaveLength(count);
  await advance(1);
  expect(FakeWebSocket.instances).toHaveLength(count + 1);
  return FakeWebSocket.last;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("connecting", () => {
  it("offers the taskmesh.v1 protocol and the access token as a bearer subprotocol", async () => {
    const { client } = harness();
    client.follow(WORKSPACE, handlers());
    await settle();

    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(FakeWebSocket.last.url).toBe(SOCKET_URL);
    expect(FakeWebSocket.last.protocols).toEqual(["taskmesh.v1", "bearer.t1"]);
  });

  it("subscribes every followed stream once the socket opens", async () => {
    const { client } = harness();
    client.follow(WORKSPACE, handlers());
    client.follow(TASK, handlers(), 7);
    await settle();
    FakeWebSocket.last.open();

    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(FakeWebSocket.last.sent).toEqual([
      { type: "subscribe", stream: WORKSPACE },
      { type: "subscribe", stream: TASK, since: 7 },
    ]);
  });

  it("subscribes a stream followed later on the socket already open", async () => {
    const { client } = harness();
    const socket = await following(client, WORKSPACE, handlers());

    client.follow(TASK, handlers(), 3);
    await settle();

    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(socket.sent.at(-1)).toEqual({ type: "subscribe", stream: TASK, since: 3 });
  });

  it("reports connecting, open and offline as the connection goes", async () => {
    const { client, states } = harness();
    const socket = await following(client, WORKSPACE, handlers());
    socket.drop(1006);

    expect(states).toEqual(["connecting", "open", "offline"]);
    expect(client.connectionState).toBe("offline");
  });

  it("does not connect when there is no token to connect with", async () => {
    const { client } = harness({ token: vi.fn(async () => null) });
    client.follow(WORKSPACE, handlers());
    await advance(60_000);

    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(client.connectionState).toBe("offline");
  });
});

describe("positions", () => {
  it("goes live from the head of the first subscription made without since", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 41);

    socket.receive(event(WORKSPACE, 41));
    socket.receive(event(WORKSPACE, 42));

    expect(h.onSubscribed).toHaveBeenCalledWith(41);
    expect(applied(h)).toEqual([42]);
    expect(client.position(WORKSPACE)).toBe(42);
  });

  it("keeps the position it was given when the subscription names a later head", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 10, 7);

    expect(client.position(WORKSPACE)).toBe(7);
    socket.receive(event(WORKSPACE, 8));
    expect(applied(h)).toEqual([8]);
  });

  it.each(["event", "notification", "unread-count"] as const)(
    "drops %s frames at or below the position held",
    async (type) => {
      const { client } = harness();
      const h = handlers();
      const socket = await following(client, USER, h, 5);

      for (const position of [4, 5, 6, 6, 5, 7]) socket.receive(positioned(type, USER, position));

      expect(applied(h)).toEqual([6, 7]);
      expect(h.onFrame.mock.calls[0][0].type).toBe(type);
    },
  );

  it("delivers no positioned frame before the subscription says where live begins", async () => {
    const { client } = harness();
    const h = handlers();
    client.follow(WORKSPACE, h);
    await settle();
    FakeWebSocket.last.open();

    FakeWebSocket.last.receive(event(WORKSPACE, 1));

    expect(h.onFrame).not.toHaveBeenCalled();
  });

  it("ignores a message that is not JSON", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 0);

    socket.receiveText("not json");
    socket.receive(event(WORKSPACE, 1));

    expect(applied(h)).toEqual([1]);
  });
});

describe("streams", () => {
  it("delivers a frame only to the handlers of its own stream", async () => {
    const { client } = harness();
    const workspace = handlers();
    const task = handlers();
    const socket = await following(client, WORKSPACE, workspace, 0);
    client.follow(TASK, task, 0);
    socket.receive({ type: "subscribed", stream: TASK, position: 0 });

    socket.receive(event(TASK, 1));
    socket.receive(event(USER, 1));

    expect(workspace.onFrame).not.toHaveBeenCalled();
    expect(applied(task)).toEqual([1]);
  });

  it("passes presence and typing frames to their stream's handlers", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, TASK, h, 0);
    const presence = { type: "presence", stream: TASK, kind: "snapshot", users: ["u1"] };
    const typing = { type: "typing", stream: TASK, user: "u1", expiresAt: "2026-11-28T16:40:17Z" };

    socket.receive(presence);
    socket.receive(typing);
    socket.receive({ ...presence, stream: WORKSPACE });

    expect(h.onPresence.mock.calls).toEqual([[presence]]);
    expect(h.onTyping.mock.calls).toEqual([[typing]]);
  });

  it("unsubscribes an unfollowed stream and delivers none of its frames after", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 0);

    client.unfollow(WORKSPACE);
    socket.receive(event(WORKSPACE, 1));

    expect(socket.sent.at(-1)).toEqual({ type: "unsubscribe", stream: WORKSPACE });
    expect(h.onFrame).not.toHaveBeenCalled();
    expect(client.position(WORKSPACE)).toBeNull();
  });

  it("lets the function follow returns unfollow the stream", async () => {
    const { client } = harness();
    const unfollow = client.follow(WORKSPACE, handlers());
    await settle();
    FakeWebSocket.last.open();

    unfollow();

    expect(FakeWebSocket.last.sent.at(-1)).toEqual({ type: "unsubscribe", stream: WORKSPACE });
  });
});

describe("reconnecting", () => {
  it("resubscribes each stream after a drop with since = the last position applied", async () => {
    const { client } = harness();
    const socket = await following(client, WORKSPACE, handlers(), 10);
    client.follow(TASK, handlers(), 3);
    socket.receive({ type: "subscribed", stream: TASK, position: 3 });
    socket.receive(event(WORKSPACE, 11));
    socket.receive(event(WORKSPACE, 12));
    socket.receive(event(TASK, 4));

    socket.drop(1006);
    const next = await expectNextSocketAfter(100);
    next.open();

    expect(next.sent).toEqual([
      { type: "subscribe", stream: WORKSPACE, since: 12 },
      { type: "subscribe", stream: TASK, since: 4 },
    ]);
  });

  it("applies each frame once when the replay after a reconnect overlaps what was applied", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 10);
    socket.receive(event(WORKSPACE, 11));
    socket.receive(event(WORKSPACE, 12));

    socket.drop(1006);
    await advance(100);
    const next = FakeWebSocket.last;
    next.open();
    next.receive({ type: "subscribed", stream: WORKSPACE, position: 14 });
    for (const position of [11, 12, 13, 14]) next.receive(event(WORKSPACE, position));
    next.receive(event(WORKSPACE, 15));

    expect(applied(h)).toEqual([11, 12, 13, 14, 15]);
  });

  it("waits the initial delay before reconnecting after a drop", async () => {
    const { client } = harness();
    const socket = await following(client, WORKSPACE, handlers());
    socket.drop(1006);

    await expectNextSocketAfter(100);
  });

  it("doubles the delay after each failed attempt and holds it at max", async () => {
    const { client } = harness();
    client.follow(WORKSPACE, handlers());
    await settle();

    for (const delay of [100, 200, 400, 800, 1_000, 1_000]) {
      const socket = FakeWebSocket.last;
      socket.open();
      socket.drop(1006); // the node died before the subscription was confirmed
      await expectNextSocketAfter(delay);
    }
  });

  it("adds up to a quarter of the delay at random", async () => {
    const { client } = harness({ backoff: { initial: 200, max: 1_000 }, random: () => 0.5 });
    const socket = await following(client, WORKSPACE, handlers());
    socket.drop(1006);

    await expectNextSocketAfter(225);
  });

  it("caps the doubled delay at max before adding the random quarter", async () => {
    const { client } = harness({ random: () => 1 });
    client.follow(WORKSPACE, handlers());
    await settle();

    for (const delay of [125, 250, 500, 1_000, 1_250, 1_250]) {
      const socket = FakeWebSocket.last;
      socket.open();
      socket.drop(1006);
      await expectNextSocketAfter(delay);
    }
  });

  it("starts the backoff afresh once a subscription is confirmed", async () => {
    const { client } = harness();
    client.follow(WORKSPACE, handlers());
    await settle();
    for (const delay of [100, 200, 400]) {
      FakeWebSocket.last.open();
      FakeWebSocket.last.drop(1006);
      await expectNextSocketAfter(delay);
    }

    const socket = FakeWebSocket.last;
    socket.open();
    socket.receive({ type: "subscribed", stream: WORKSPACE, position: 0 });
    socket.drop(1006);

    await expectNextSocketAfter(100);
  });

  it("reconnects after 1012 with the first delay however many attempts failed before", async () => {
    const { client } = harness();
    client.follow(WORKSPACE, handlers());
    await settle();
    for (const delay of [100, 200, 400]) {
      FakeWebSocket.last.open();
      FakeWebSocket.last.drop(1006);
      await expectNextSocketAfter(delay);
    }

    FakeWebSocket.last.open();
    FakeWebSocket.last.drop(1012);

    await expectNextSocketAfter(100);
  });

  it("reconnects after 4408 on an open connection with the first delay", async () => {
    const { client } = harness();
    client.follow(WORKSPACE, handlers());
    await settle();
    for (const delay of [100, 200]) {
      FakeWebSocket.last.open();
      FakeWebSocket.last.drop(1006);
      await expectNextSocketAfter(delay);
    }

    FakeWebSocket.last.open();
    FakeWebSocket.last.drop(4408);

    await expectNextSocketAfter(100);
  });

  it("does not renew the token when an open connection drops with 1006", async () => {
    const { client, options } = harness();
    const socket = await following(client, WORKSPACE, handlers());
    socket.drop(1006);

    const next = await expectNextSocketAfter(100);

    expect(options.renewToken).not.toHaveBeenCalled();
    expect(next.protocols).toEqual(["taskmesh.v1", "bearer.t1"]);
  });
});

describe("tokens", () => {
  it("renews the token after a 4401 close and reconnects with the new one", async () => {
    const { client, options } = harness();
    const socket = await following(client, WORKSPACE, handlers());

    socket.drop(4401);
    await settle();
    expect(options.renewToken).toHaveBeenCalledTimes(1);
    const next = await expectNextSocketAfter(100);

    expect(next.protocols).toEqual(["taskmesh.v1", "bearer.t2"]);
  });

  it("renews the token when the handshake fails with 1006 before the socket opens", async () => {
    const { client, options } = harness();
    client.follow(WORKSPACE, handlers());
    await settle();

    FakeWebSocket.last.refuse();
    const next = await expectNextSocketAfter(100);

    expect(options.renewToken).toHaveBeenCalledTimes(1);
    expect(next.protocols).toEqual(["taskmesh.v1", "bearer.t2"]);
  });

  it("stops for good when renewing after 4401 yields no token", async () => {
    const { client } = harness({ renewToken: vi.fn(async () => null) });
    const socket = await following(client, WORKSPACE, handlers());

    socket.drop(4401);
    await advance(60_000);

    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(client.connectionState).toBe("offline");
  });

  it("retries with backoff when renewing the token fails", async () => {
    const { client } = harness({ renewToken: vi.fn(async () => Promise.reject(new Error("offline"))) });
    client.follow(WORKSPACE, handlers());
    await settle();

    FakeWebSocket.last.refuse();

    await expectNextSocketAfter(100);
  });

  it("sends auth with a renewed token a minute before the token expires", async () => {
    let expiresAt = Date.now() + 10 * 60_000;
    const { client, options } = harness({ tokenExpiresAt: () => expiresAt });
    const socket = await following(client, WORKSPACE, handlers());

    await advance(9 * 60_000 - 1);
    expect(socket.sentOfType("auth")).toEqual([]);
    expiresAt = Date.now() + 1 + 10 * 60_000; // what the renewal will make
    await advance(1);

    expect(options.renewToken).toHaveBeenCalledTimes(1);
    expect(socket.sentOfType("auth")).toEqual([{ type: "auth", token: "t2" }]);
  });

  it("schedules the next auth from the renewed token's expiry", async () => {
    let expiresAt = Date.now() + 10 * 60_000;
    const renewToken = vi.fn(async () => {
      expiresAt = Date.now() + 10 * 60_000;
      return `t${renewToken.mock.calls.length + 1}`;
    });
    const { client } = harness({ tokenExpiresAt: () => expiresAt, renewToken });
    const socket = await following(client, WORKSPACE, handlers());

    await advance(9 * 60_000);
    await advance(9 * 60_000 - 1);
    expect(socket.sentOfType("auth")).toHaveLength(1);
    await advance(1);

    expect(socket.sentOfType("auth")).toEqual([
      { type: "auth", token: "t2" },
      { type: "auth", token: "t3" },
    ]);
  });

  it("sends no auth when it knows no expiry", async () => {
    const { client, options } = harness();
    const socket = await following(client, WORKSPACE, handlers());

    await advance(60 * 60_000);

    expect(options.renewToken).not.toHaveBeenCalled();
    expect(socket.sentOfType("auth")).toEqual([]);
  });

  it("renews nothing more once closed while an auth renewal is under way", async () => {
    const expiresAt = Date.now() + 10 * 60_000;
    let resolve: (token: string) => void = () => {};
    const renewToken = vi.fn(() => new Promise<string | null>((done) => (resolve = done)));
    const { client } = harness({ tokenExpiresAt: () => expiresAt, renewToken });
    await following(client, WORKSPACE, handlers());
    await advance(9 * 60_000);
    expect(renewToken).toHaveBeenCalledTimes(1);

    client.close();
    resolve("t2");
    await advance(60 * 60_000);

    expect(renewToken).toHaveBeenCalledTimes(1);
  });
  it("keeps one auth schedule when the socket changes during an auth renewal", async () => {
    let expiresAt = Date.now() + 10 * 60_000;
    let resolveFirst: (token: string) => void = () => {};
    const renewToken = vi.fn((): Promise<string | null> => {
      if (renewToken.mock.calls.length === 1) return new Promise((done) => (resolveFirst = done));
      expiresAt = Date.now() + 10 * 60_000;
      return Promise.resolve(`t${renewToken.mock.calls.length + 1}`);
    });
    const { client } = harness({ tokenExpiresAt: () => expiresAt, renewToken });
    const socket = await following(client, WORKSPACE, handlers());
    await advance(9 * 60_000); // the first renewal is under way
    socket.drop(1006);
    await advance(100);
    const next = FakeWebSocket.last;
    next.open(); // its token expires within the minute: its own auth is due a second from now

    expiresAt = Date.now() + 10 * 60_000;
    resolveFirst("t2");
    await advance(10 * 60_000);

    expect(next.sentOfType("auth")).toEqual([
      { type: "auth", token: "t3" },
      { type: "auth", token: "t4" },
    ]);
  });
});

describe("resets and refusals", () => {
  it("takes the head of a reset as its position and calls onReset", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 100, 5);

    socket.receive({ type: "reset", stream: WORKSPACE, position: 100 });
    socket.receive(event(WORKSPACE, 100));
    socket.receive(event(WORKSPACE, 101));

    expect(h.onReset).toHaveBeenCalledTimes(1);
    expect(applied(h)).toEqual([101]);
  });

  it("resubscribes without since and calls onReset on invalid-since", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 0, 50);
    socket.sent.length = 0;

    socket.receive({ type: "error", code: "invalid-since", stream: WORKSPACE, message: "beyond the head, 30." });

    expect(socket.sent).toEqual([{ type: "subscribe", stream: WORKSPACE }]);
    expect(h.onReset).toHaveBeenCalledTimes(1);
    expect(client.position(WORKSPACE)).toBeNull();
  });

  it("goes live from the new head after invalid-since", async () => {
    const { client } = harness();
    const h = handlers();
    client.follow(WORKSPACE, h, 50);
    await settle();
    const socket = FakeWebSocket.last;
    socket.open();

    socket.receive({ type: "error", code: "invalid-since", stream: WORKSPACE, message: "beyond the head, 30." });
    socket.receive({ type: "subscribed", stream: WORKSPACE, position: 30 });
    socket.receive(event(WORKSPACE, 30));
    socket.receive(event(WORKSPACE, 31));

    expect(applied(h)).toEqual([31]);
  });

  it.each(["membership-revoked", "forbidden"])("ends the follow and calls onEnded on %s", async (code) => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 0);
    const error = { type: "error", code, stream: WORKSPACE, message: "no longer a member" };

    socket.receive(error);
    socket.receive(event(WORKSPACE, 1));

    expect(h.onEnded.mock.calls).toEqual([[error]]);
    expect(h.onFrame).not.toHaveBeenCalled();
    expect(client.position(WORKSPACE)).toBeNull();
  });

  it("does not resubscribe an ended stream after a reconnect", async () => {
    const { client } = harness();
    const socket = await following(client, WORKSPACE, handlers(), 0);
    client.follow(TASK, handlers());
    socket.receive({ type: "error", code: "membership-revoked", stream: WORKSPACE, message: "removed" });

    socket.drop(1006);
    await advance(100);
    FakeWebSocket.last.open();

    expect(FakeWebSocket.last.sent).toEqual([{ type: "subscribe", stream: TASK }]);
  });

  it("keeps following through an error that ends nothing", async () => {
    const { client } = harness();
    const h = handlers();
    const socket = await following(client, WORKSPACE, h, 0);

    socket.receive({ type: "error", code: "rate-limited", stream: WORKSPACE, message: "slow down" });
    socket.receive({ type: "error", code: "bus-unavailable", message: "frames may be late" });
    socket.receive(event(WORKSPACE, 1));

    expect(h.onEnded).not.toHaveBeenCalled();
    expect(applied(h)).toEqual([1]);
  });
});

describe("typing", () => {
  it("sends typing on a subscribed stream", async () => {
    const { client } = harness();
    const socket = await following(client, TASK, handlers(), 0);

    client.typing(TASK);

    expect(socket.sentOfType("typing")).toEqual([{ type: "typing", stream: TASK }]);
  });

  it("sends no typing before the subscription is confirmed", async () => {
    const { client } = harness();
    client.follow(TASK, handlers());
    await settle();
    FakeWebSocket.last.open();

    client.typing(TASK);

    expect(FakeWebSocket.last.sentOfType("typing")).toEqual([]);
  });

  it("sends no typing on a stream it does not follow", async () => {
    const { client } = harness();
    const socket = await following(client, WORKSPACE, handlers(), 0);

    client.typing(TASK);

    expect(socket.sentOfType("typing")).toEqual([]);
  });

  it("sends no typing once the connection dropped", async () => {
    const { client } = harness();
    const socket = await following(client, TASK, handlers(), 0);
    socket.drop(1006);
    await advance(100);
    FakeWebSocket.last.open();

    client.typing(TASK);

    expect(FakeWebSocket.last.sentOfType("typing")).toEqual([]);
  });
});

describe("closing", () => {
  it("closes the socket with 1000 and never reconnects", async () => {
    const { client } = harness();
    const socket = await following(client, WORKSPACE, handlers());

    client.close();
    await advance(60_000);

    expect(socket.closedByClient).toEqual({ code: 1000, reason: "bye" });
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(client.connectionState).toBe("offline");
  });

  it("cancels a reconnect already scheduled", async () => {
    const { client } = harness();
    const socket = await following(client, WORKSPACE, handlers());
    socket.drop(1006);

    client.close();
    await advance(60_000);

    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it("opens no socket when closed while waiting for its token", async () => {
    let resolve: (token: string) => void = () => {};
    const { client } = harness({ token: vi.fn(() => new Promise<string | null>((done) => (resolve = done))) });
    client.follow(WORKSPACE, handlers());

    client.close();
    resolve("t1");
    await advance(60_000);

    expect(FakeWebSocket.instances).toHaveLength(0);
  });
});
