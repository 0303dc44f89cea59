import { TaskMeshApi } from "../api/http";
import { RealtimeClient, type ConnectionState } from "../api/realtime";
import { browserTokenStore } from "../api/session";

/** The page's one API client and, while signed in, its one WebSocket. */
export const api = new TaskMeshApi(window.location.origin, browserTokenStore);

export function connectRealtime(onState: (state: ConnectionState) => void): RealtimeClient {
  const url = `${window.location.origin.replace(/^http/, "ws")}/ws`;
  return new RealtimeClient(url, {
    token: () => api.session.accessToken(),
    renewToken: () => api.session.renew(),
    tokenExpiresAt: () => api.session.accessExpiresAt(),
    onState,
  });
}
