import { describe, expect, it } from "vitest";
import { ApiError, TaskMeshApi } from "../src/api/http";
import { memoryTokenStore } from "../src/api/session";
import type { TokenPair } from "../src/api/types";

const BASE = "https://taskmesh.test";

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

const json = (body: unknown, status = 200, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });

const problem = (slug: string, status: number, detail?: string) =>
  json(
    { type: `https://taskmesh.dev/problems/${slug}`, title: slug, status, ...(detail && { detail }) },
    status,
    "application/problem+json",
  );

function tokens(n: number): TokenPair {
  return { accessToken: `a${n}`, refreshToken: `r${n}`, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() };
}

/** An API over a fake fetch that answers from `answers`, in order, and records every request. */
function api(...answers: (() => Response)[]) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : init?.body;
    sent.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: { ...(init?.headers as Record<string, string>) },
      body,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${init?.method} ${String(input)}`);
    return answer();
  };
  const client = new TaskMeshApi(BASE, memoryTokenStore(), fetch);
  return { client, sent };
}

function signedInApi(...answers: (() => Response)[]) {
  const made = api(...answers);
  made.client.session.start(tokens(1));
  return made;
}

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("TaskMeshApi", () => {
  it("sends the access token as a bearer token", async () => {
    const { client, sent } = signedInApi(() => json({ id: "u1" }));

    expect(await client.me()).toEqual({ id: "u1" });
    expect(sent).toEqual([
      {
        url: `${BASE}/api/users/me`,
        method: "GET",
        headers: { Accept: "application/json", Authorization: "Bearer a1" },
        body: undefined,
      },
    ]);
  });

  it("renews the token once after a 401 and retries with the new one", async () => {
    const { client, sent } = signedInApi(
      () => problem("unauthenticated", 401),
      () => json(tokens(2)),
      () => json({ id: "u1" }),
    );

    expect(await client.me()).toEqual({ id: "u1" });
    expect(sent.map((request) => [request.method, request.url, request.headers.Authorization])).toEqual([
      ["GET", `${BASE}/api/users/me`, "Bearer a1"],
      ["POST", `${BASE}/api/auth/refresh`, undefined],
      ["GET", `${BASE}/api/users/me`, "Bearer a2"],
    ]);
    expect(sent[1].body).toEqual({ refreshToken: "r1" });
    expect(client.session.refreshToken()).toBe("r2");
  });

  it("gives up with the second 401 rather than renewing again", async () => {
    const { client, sent } = signedInApi(
      () => problem("unauthenticated", 401),
      () => json(tokens(2)),
      () => problem("unauthenticated", 401),
    );

    const error = await failure(client.me());

    expect(error.status).toBe(401);
    expect(sent).toHaveLength(3);
  });

  it("signs out when the renewal after a 401 is refused", async () => {
    const { client, sent } = signedInApi(
      () => problem("unauthenticated", 401),
      () => problem("unauthenticated", 401),
    );

    const error = await failure(client.me());

    expect(error.slug).toBe("unauthenticated");
    expect(sent).toHaveLength(2);
    expect(client.session.signedIn).toBe(false);
  });

  it("keeps the login when the refresh endpoint fails with a server error", async () => {
    const { client } = signedInApi(
      () => problem("unauthenticated", 401),
      () => problem("internal-error", 500),
    );

    const error = await failure(client.me());

    expect(error.status).toBe(500);
    expect(client.session.refreshToken()).toBe("r1");
  });

  it("refuses a call without a login without sending it", async () => {
    const { client, sent } = api();

    const error = await failure(client.me());

    expect(error.status).toBe(401);
    expect(error.slug).toBe("unauthenticated");
    expect(sent).toEqual([]);
  });

  it("turns a problem+json answer into an ApiError with its status, slug and detail", async () => {
    const { client } = signedInApi(() => problem("validation-failed", 400, "name must not be blank"));

    const error = await failure(client.createWorkspace(""));

    expect(error.status).toBe(400);
    expect(error.slug).toBe("validation-failed");
    expect(error.message).toBe("name must not be blank");
    expect(error.problem.type).toBe("https://taskmesh.dev/problems/validation-failed");
  });

  it("turns an answer that is not JSON into an ApiError with its status", async () => {
    const { client } = signedInApi(
      () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    );

    const error = await failure(client.me());

    expect(error.status).toBe(502);
    expect(error.slug).toBe("about:blank");
    expect(error.message).toBe("Bad Gateway");
  });

  it("turns a JSON answer that is not a problem into an ApiError with its status", async () => {
    const { client } = signedInApi(() => json({ error: "nope" }, 503));

    const error = await failure(client.me());

    expect(error.status).toBe(503);
    expect(error.message).toBe("Request failed");
  });

  it("repeats array parameters and leaves out null and undefined ones", async () => {
    const { client, sent } = signedInApi(() => json({}));

    await client.call("GET", "/api/things", {
      query: { label: ["bug", "ui"], cursor: null, minPosition: undefined, limit: 20, archived: false, q: "a b&c" },
    });

    expect(sent[0].url).toBe(`${BASE}/api/things?label=bug&label=ui&limit=20&archived=false&q=a+b%26c`);
  });

  it("adds no question mark when every parameter is left out", async () => {
    const { client, sent } = signedInApi(() => json({}));

    await client.task("w1", "t1");

    expect(sent[0].url).toBe(`${BASE}/api/workspaces/w1/tasks/t1`);
  });

  it("follows nextCursor across pages of a board", async () => {
    const { client, sent } = signedInApi(
      () => json({ items: [{ id: "t1" }, { id: "t2" }], nextCursor: "c1" }),
      () => json({ items: [{ id: "t3" }], nextCursor: "c2" }),
      () => json({ items: [], nextCursor: null }),
    );

    const tasks = await client.boardTasks("w1", "p1", 9);

    expect(tasks.map((task) => task.id)).toEqual(["t1", "t2", "t3"]);
    expect(sent.map((request) => request.url)).toEqual([
      `${BASE}/api/workspaces/w1/projects/p1/tasks?limit=200&minPosition=9`,
      `${BASE}/api/workspaces/w1/projects/p1/tasks?limit=200&cursor=c1&minPosition=9`,
      `${BASE}/api/workspaces/w1/projects/p1/tasks?limit=200&cursor=c2&minPosition=9`,
    ]);
  });

  it("sends a task's changes as a JSON merge patch", async () => {
    const { client, sent } = signedInApi(() => json({ id: "t1", version: 4, globalPosition: 120 }));

    const accepted = await client.changeTask("w1", "t1", { title: "New title", dueDate: null });

    expect(accepted).toEqual({ id: "t1", version: 4, globalPosition: 120 });
    expect(sent[0].method).toBe("PATCH");
    expect(sent[0].headers["Content-Type"]).toBe("application/merge-patch+json");
    expect(sent[0].body).toEqual({ title: "New title", dueDate: null });
  });

  it("sends other bodies as application/json", async () => {
    const { client, sent } = signedInApi(() => json({ id: "t1", version: 1, globalPosition: 7 }));

    await client.changeStatus("w1", "t1", "done");

    expect(sent[0].headers["Content-Type"]).toBe("application/json");
    expect(sent[0].body).toEqual({ status: "done" });
  });

  it("answers undefined for an empty success body", async () => {
    const { client } = signedInApi(() => new Response(null, { status: 204 }));

    expect(await client.invite("w1", "a@example.com", "member")).toBeUndefined();
  });

  it("logs in without a token and keeps the login it gets", async () => {
    const { client, sent } = api(() => json(tokens(1)));

    await client.login("a@example.com", "secret");

    expect(sent[0].headers.Authorization).toBeUndefined();
    expect(sent[0].body).toEqual({ email: "a@example.com", password: "secret" });
    expect(client.session.refreshToken()).toBe("r1");
    expect(await client.session.accessToken()).toBe("a1");
  });

  it("does not renew after a 401 to an anonymous call", async () => {
    const { client, sent } = api(() => problem("invalid-credentials", 401));

    const error = await failure(client.login("a@example.com", "wrong"));

    expect(error.slug).toBe("invalid-credentials");
    expect(sent).toHaveLength(1);
  });
});
