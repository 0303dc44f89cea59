import { useEffect, useRef, useState } from "preact/hooks";
import type { SearchHit, SearchPage } from "../api/types";
import { STATUS_LABELS } from "../board/board";
import { api } from "./connection";
import { describe } from "./errors";
import type { People } from "./people";
import { nameOf } from "./people";

/**
 * Type-ahead search of the workspace's tasks. Matches are highlighted from the server's structured snippet
 * (`{text, match}` parts), rendered as text in <mark>: user text never becomes markup.
 */
export function SearchBox({ workspace, people, onOpen }: { workspace: string; people: People; onOpen(hit: SearchHit): void }) {
  const [query, setQuery] = useState("");
  const [page, setPage] = useState<SearchPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (q === "") {
      setPage(null);
      return;
    }
    const asked = ++latest.current;
    const timer = setTimeout(() => {
      api
        .search(workspace, q.slice(0, 500))
        .then((answer) => asked === latest.current && (setPage(answer), setError(null)))
        .catch((failure) => asked === latest.current && setError(describe(failure)));
    }, 150);
    return () => clearTimeout(timer);
  }, [query, workspace]);

  const close = () => {
    setQuery("");
    setPage(null);
  };

  return (
    <div class="search" role="search">
      <label class="visually-hidden" for="search-input">
        Search tasks
      </label>
      <input
        id="search-input"
        type="search"
        placeholder="Search tasks…"
        value={query}
        maxLength={500}
        autocomplete="off"
        onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
        onKeyDown={(event) => event.key === "Escape" && close()}
      />
      {(page || error) && (
        <div class="search-results" aria-label="Search results" role="region">
          {error && <p class="error">{error}</p>}
          {page && page.items.length === 0 && (
            <p>
              No task matches.
              {page.didYouMean && (
                <>
                  {" "}
                  Did you mean{" "}
                  <button type="button" class="link" onClick={() => setQuery(page.didYouMean!)}>
                    {page.didYouMean}
                  </button>
                  ?
                </>
              )}
            </p>
          )}
          <ol>
            {page?.items.map((hit) => (
              <li key={hit.taskId}>
                <button
                  type="button"
                  class="hit"
                  onClick={() => {
                    close();
                    onOpen(hit);
                  }}
                >
                  <span class="hit-title">{hit.title}</span>
                  <span class="hit-meta">
                    {STATUS_LABELS[hit.status]}
                    {hit.assigneeId && ` · ${nameOf(people, hit.assigneeId)}`}
                  </span>
                  <span class="snippet">
                    {hit.snippet.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
