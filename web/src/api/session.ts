import type { TokenPair } from "./types";

/** Where a login is kept between page loads: the refresh token only; access tokens live in memory. */
export interface TokenStore {
  load(): string | null;
  save(refreshToken: string | null): void;
}

export const browserTokenStore: TokenStore = {
  load: () => localStorage.getItem("taskmesh.refreshToken"),
  save: (token) =>
    token === null
      ? localStorage.removeItem("taskmesh.refreshToken")
      : localStorage.setItem("taskmesh.refreshToken", token),
};

export const memoryTokenStore = (): TokenStore => {
  let token: string | null = null;
  return { load: () => token, save: (next) => (token = next) };
};

/**
 * The login of one person: a short-lived access token, renewed with the single-use refresh token a minute before it
 * expires. Concurrent callers share one refresh: the server rotates the refresh token on every use and treats a
 * second use of an old one as theft, ending the whole login.
 */
export class Session {
  private access: { token: string; expiresAt: number } | null = null;
  private refreshing: Promise<string | null> | null = null;
  private readonly listeners = new Set<(signedIn: boolean) => void>();

  constructor(
    private readonly refresh: (refreshToken: string) => Promise<TokenPair | null>,
    private readonly store: TokenStore,
    private readonly now: () => number = Date.now,
    private readonly exclusive: <T>(work: () => Promise<T>) => Promise<T> = acrossTabs,
  ) {}

  get signedIn(): boolean {
    return this.access !== null || this.store.load() !== null;
  }

  start(pair: TokenPair): void {
    this.access = { token: pair.accessToken, expiresAt: Date.parse(pair.expiresAt) };
    this.store.save(pair.refreshToken);
    this.listeners.forEach((listener) => listener(true));
  }

  end(): void {
    this.access = null;
    this.store.save(null);
    this.listeners.forEach((listener) => listener(false));
  }

  refreshToken(): string | null {
    return this.store.load();
  }

  onChange(listener: (signedIn: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A valid access token, refreshed first when it has less than a minute left; null when the login is over. */
  async accessToken(): Promise<string | null> {
    if (this.access && this.access.expiresAt - this.now() > 60_000) {
      return this.access.token;
    }
    return this.renew();
  }

  /** Forces a refresh (after a 401, or before the WebSocket's token expires). */
  renew(): Promise<string | null> {
    if (!this.refreshing) {
      this.refreshing = this.doRenew().finally(() => (this.refreshing = null));
    }
    return this.refreshing;
  }

  private doRenew(): Promise<string | null> {
    // tabs share the stored refresh token: one refresh at a time, each reading the newest token, so none is used twice
    return this.exclusive(() => this.renewNow());
  }

  private async renewNow(): Promise<string | null> {
    const refreshToken = this.store.load();
    if (refreshToken === null) {
      this.end();
      return null;
    }
    const pair = await this.refresh(refreshToken);
    if (pair === null) {
      this.end();
      return null;
    }
    this.start(pair);
    return pair.accessToken;
  }

  /** When the current access token expires (ms since the epoch), for the WebSocket's own renewal. */
  accessExpiresAt(): number | null {
    return this.access?.expiresAt ?? null;
  }
}

/** Runs `work` while holding a lock every tab of this origin shares (Web Locks), or directly where there are none. */
function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? (locks.request("taskmesh.refresh", work) as Promise<T>) : work();
}
