import { useEffect, useState } from "preact/hooks";
import type { RealtimeClient } from "../api/realtime";
import type { Notification, UserProfile } from "../api/types";
import { api } from "./connection";

const KIND_TEXT: Record<string, string> = {
  assigned: "assigned you",
  mentioned: "mentioned you on",
  commented: "commented on",
  "status-changed": "changed the status of",
  "due-date-changed": "changed the due date of",
  "member-added": "added you to",
  "member-removed": "removed you from",
  "attachment-rejected": "rejected a file on",
  "due-soon": "reminds you of",
};

interface Props {
  realtime: RealtimeClient;
  me: UserProfile;
  onOpen(notification: Notification): void;
  /** An event on the user's stream: they joined or left a workspace. */
  onUserEvent(): void;
}

/**
 * The unread count, live from the user's own stream (`notification` and `unread-count` frames carry it), and the
 * list of notifications on demand. The bell follows that stream for the whole page, events included.
 */
export function Bell({ realtime, me, onOpen, onUserEvent }: Props) {
  const [unread, setUnread] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[]>([]);

  useEffect(() => {
    const refresh = () => api.unreadCount().then((answer) => setUnread(answer.count)).catch(() => undefined);
    let loaded = false;
    return realtime.follow(`user:${me.id}`, {
      onSubscribed: () => {
        if (!loaded) refresh();
        loaded = true;
      },
      onReset: refresh,
      onFrame: (frame) => {
        if (frame.type === "notification") {
          setUnread(frame.unreadCount);
          setItems((current) => [frame.data, ...current.filter((item) => item.id !== frame.data.id)]);
        } else if (frame.type === "unread-count") {
          setUnread(frame.unreadCount);
        } else {
          onUserEvent();
        }
      },
    });
  }, [realtime, me.id]);

  async function toggle() {
    if (!open) setItems((await api.notifications()).items);
    setOpen(!open);
  }

  async function read(notification: Notification) {
    if (!notification.read) await api.markRead(notification.id).catch(() => undefined);
    setItems((current) => current.map((item) => (item.id === notification.id ? { ...item, read: true } : item)));
    setOpen(false);
    onOpen(notification);
  }

  return (
    <div class="bell">
      <button type="button" onClick={toggle} aria-expanded={open} aria-label={`Notifications: ${unread ?? 0} unread`}>
        <svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>{" "}
        <span class="unread-count" data-count={unread ?? 0}>{unread ?? "…"}</span>
      </button>
      {open && (
        <div class="bell-list" role="region" aria-label="Notifications">
          <button type="button" class="link" onClick={() => api.markAllRead().then(() => setItems((all) => all.map((n) => ({ ...n, read: true }))))}>
            Mark all read
          </button>
          <ol>
            {items.length === 0 && <li>Nothing yet.</li>}
            {items.map((notification) => (
              <li key={notification.id} class={notification.read ? "read" : "unread"}>
                <button type="button" class="link" onClick={() => read(notification)}>
                  {notification.actor?.name ?? "TaskMesh"} {KIND_TEXT[notification.kind] ?? notification.kind}{" "}
                  {notification.task?.name ?? notification.workspaceName}
                  {notification.excerpt && <span class="excerpt">: {notification.excerpt}</span>}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
