import { describe, expect, it, vi } from "vitest";
import { memoryTokenStore, Session, type TokenStore } from "../src/api/session";
import type { TokenPair } from "../src/api/types";

const NOW = Date.parse("2026-11-28T16:00:00Z");

function pair(n: number, expiresInMs = 15 * 60_000): TokenPair {
  return { accessToken: `a${n}`, refreshToken: `r${n}`, expiresAt: new Date(NOW + expiresInMs).toISOString() };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((done, fail) => ((resolve = done), (reject = fail)));
  return { promise, resolve, reject };
}

function signedIn(refresh: (token: string) => Promise<TokenPair | null>, first = pair(1)) {
  const store: TokenStore = memoryTokenStore();
  const session = new Session(refresh, store, () => NOW);
  session.start(first);
  return { session, store };
}

describe("Session", () => {
  it("keeps the refresh token in its store and the access token in memory", () => {
    const { session, store } = signedIn(vi.fn());

    expect(store.load()).toBe("r1");
    expect(session.signedIn).toBe(true);
    expect(session.accessExpiresAt()).toBe(NOW + 15 * 60_000);
  });

  it("answers the access token it holds while it has more than a minute left", async () => {
    const refresh = vi.fn<(token: string) => Promise<TokenPair | null>>();
    const { session } = signedIn(refresh);

    expect(await session.accessToken()).toBe("a1");
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refreshes the access token when less than a minute is left", async () => {
    const refresh = vi.fn(async () => pair(2));
    const { session, store } = signedIn(refresh, pair(1, 60_000));

    expect(await session.accessToken()).toBe("a2");
    expect(refresh).toHaveBeenCalledWith("r1");
    expect(store.load()).toBe("r2");
  });

  it("shares one refresh between concurrent callers", async () => {
    const answer = deferred<TokenPair | null>();
    const refresh = vi.fn(() => answer.promise);
    const { session } = signedIn(refresh, pair(1, 0));

    const tokens = Promise.all([session.accessToken(), session.accessToken(), session.renew()]);
    answer.resolve(pair(2));

    expect(await tokens).toEqual(["a2", "a2", "a2"]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("starts a new refresh once the shared one has settled", async () => {
    const refresh = vi.fn(async (token: string) => pair(Number(token.slice(1)) + 1));
    const { session } = signedIn(refresh);

    await session.renew();
    await session.renew();

    expect(refresh.mock.calls).toEqual([["r1"], ["r2"]]);
  });

  it("ends the session and clears the store when the refresh is refused", async () => {
    const { session, store } = signedIn(async () => null, pair(1, 0));
    const listener = vi.fn();
    session.onChange(listener);

    expect(await session.accessToken()).toBeNull();
    expect(store.load()).toBeNull();
    expect(session.signedIn).toBe(false);
    expect(listener).toHaveBeenCalledWith(false);
  });

  it("answers null without asking the server when no refresh token is stored", async () => {
    const refresh = vi.fn<(token: string) => Promise<TokenPair | null>>();
    const session = new Session(refresh, memoryTokenStore(), () => NOW);

    expect(await session.accessToken()).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });

  it("keeps the login when the refresh fails for another reason", async () => {
    const { session, store } = signedIn(async () => Promise.reject(new Error("network down")), pair(1, 0));

    await expect(session.accessToken()).rejects.toThrow("network down");
    expect(store.load()).toBe("r1");
    expect(session.signedIn).toBe(true);
  });

  it("tells its listeners about sign-in and sign-out until they unsubscribe", () => {
    const { session } = signedIn(vi.fn());
    const listener = vi.fn();
    const unsubscribe = session.onChange(listener);

    session.start(pair(2));
    session.end();
    unsubscribe();
    session.start(pair(3));

    expect(listener.mock.calls).toEqual([[true], [false]]);
  });
});
