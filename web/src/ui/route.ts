import { useEffect, useState } from "preact/hooks";

/** Where the page is: workspace, project and open task, kept in the URL's hash so a reload or a link lands there. */
export interface Route {
  workspace: string | null;
  project: string | null;
  task: string | null;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/");
  const after = (key: string) => {
    const index = parts.indexOf(key);
    return index !== -1 && parts[index + 1] ? decoded(parts[index + 1]) : null;
  };
  return { workspace: after("w"), project: after("p"), task: after("t") };
}

/** A link someone crafted may hold a broken escape: it names nothing rather than breaking the page. */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function formatRoute(route: Route): string {
  let hash = "#/";
  if (route.workspace) hash += `w/${encodeURIComponent(route.workspace)}`;
  if (route.workspace && route.project) hash += `/p/${encodeURIComponent(route.project)}`;
  if (route.workspace && route.project && route.task) hash += `/t/${encodeURIComponent(route.task)}`;
  return hash;
}

export function useRoute(): [Route, (next: Partial<Route>) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  const go = (next: Partial<Route>) => {
    const target = formatRoute({ ...parseRoute(window.location.hash), ...next });
    if (target !== window.location.hash) window.location.hash = target;
  };
  return [route, go];
}
