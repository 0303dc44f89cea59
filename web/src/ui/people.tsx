import type { Member, PresenceFrame } from "../api/types";

export type People = ReadonlyMap<string, Member>;

export function nameOf(people: People, userId: string | null | undefined): string {
  if (!userId) return "someone";
  return people.get(userId)?.displayName ?? "a former member";
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : name.slice(0, 2)).toUpperCase();
}

/** A stable colour per person, so an avatar reads the same on every screen. */
function hue(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

export function Avatar({ people, userId, size = "small" }: { people: People; userId: string; size?: "small" | "large" }) {
  const name = nameOf(people, userId);
  return (
    <span class={`avatar ${size}`} style={{ backgroundColor: `hsl(${hue(userId)} 55% 45%)` }} title={name}>
      <span aria-hidden="true">{initials(name)}</span>
      <span class="visually-hidden">{name}</span>
    </span>
  );
}

/** Who follows the stream now, across every node: the presence snapshot and its joins and leaves. */
export function Online({ people, users, label }: { people: People; users: ReadonlySet<string>; label: string }) {
  return (
    <ul class="online" aria-label={label}>
      {[...users].map((userId) => (
        <li key={userId}>
          <Avatar people={people} userId={userId} />
        </li>
      ))}
    </ul>
  );
}

/** Who follows a stream after a presence frame: a snapshot replaces the set, joins and leaves update it. */
export function present(current: ReadonlySet<string>, frame: PresenceFrame): ReadonlySet<string> {
  if (frame.kind === "snapshot") return new Set(frame.users);
  const next = new Set(current);
  frame.users.forEach((user) => (frame.kind === "join" ? next.add(user) : next.delete(user)));
  return next;
}
