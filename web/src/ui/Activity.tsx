import { useEffect, useState } from "preact/hooks";
import type { FeedItem } from "../api/types";
import { eventSentence } from "./events";
import type { People } from "./people";
import type { WorkspaceEvents } from "./Workspace";

/** Events that say nothing to a reader of the feed: who watches what, and a card's place in its column. */
const QUIET = new Set(["TaskWatchStarted", "TaskWatchStopped", "TaskRanked"]);

/** The workspace's recent activity: the feed read over HTTP, then the workspace stream's events as they happen. */
export function Activity({ seed, events, people }: { seed: FeedItem[]; events: WorkspaceEvents; people: People }) {
  const [items, setItems] = useState<FeedItem[]>(seed);
  useEffect(() => setItems(seed), [seed]);
  useEffect(
    () =>
      events.subscribe((frame) =>
        setItems((current) =>
          current.some((item) => item.eventId === frame.eventId)
            ? current
            : [
                {
                  eventId: frame.eventId,
                  eventType: frame.eventType,
                  workspaceId: String(frame.data.workspaceId ?? ""),
                  aggregateId: frame.aggregateId,
                  actor: frame.actor ?? null,
                  at: frame.at,
                  data: frame.data,
                },
                ...current,
              ].slice(0, 50),
        ),
      ),
    [events],
  );
  return (
    <aside class="activity" aria-label="Activity">
      <h2>Activity</h2>
      <ol>
        {items
          .filter((item) => !QUIET.has(item.eventType))
          .map((item) => (
            <li key={item.eventId}>
              {eventSentence(people, item.eventType, item.actor, item.data)}{" "}
              <time dateTime={item.at}>{new Date(item.at).toLocaleTimeString()}</time>
            </li>
          ))}
      </ol>
    </aside>
  );
}
