import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ConnectionState, RealtimeClient } from "../api/realtime";
import type { EventFrame, FeedItem, Member, Project, UserProfile, WorkspaceSummary } from "../api/types";
import { Activity } from "./Activity";
import { Bell } from "./Bell";
import { BoardView } from "./BoardView";
import { api, connectRealtime } from "./connection";
import { describe } from "./errors";
import { Online, present, type People } from "./people";
import { useRoute } from "./route";
import { SearchBox } from "./SearchBox";
import { Sidebar } from "./Sidebar";
import { TaskPanel } from "./TaskPanel";

/** Frames of the workspace stream, handed to whichever part of the page shows them. */
export type WorkspaceEvents = { subscribe(listener: (frame: EventFrame) => void): () => void };

/** The signed-in page: sidebar, header, the board of the chosen project, the task panel and the activity feed. */
export function Workspace({ me }: { me: UserProfile }) {
  const [route, go] = useRoute();
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const realtime = useMemo<RealtimeClient>(() => connectRealtime(setConnection), []);
  useEffect(() => () => realtime.close(), [realtime]);

  const [workspaces, setWorkspaces] = useState<WorkspaceSummary[]>([]);
  const [projects, setProjects] = useState<Project[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [online, setOnline] = useState<ReadonlySet<string>>(new Set());
  // the feed as last read over HTTP: a new array per read, which Activity starts again from
  const [feedSeed, setFeedSeed] = useState<FeedItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  // bumped when the workspace's state must be read afresh over HTTP: the first subscription, and every reset
  const [generation, setGeneration] = useState(0);
  const listeners = useRef(new Set<(frame: EventFrame) => void>());
  const events = useMemo<WorkspaceEvents>(
    () => ({
      subscribe(listener) {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [],
  );
  const people: People = useMemo(() => new Map(members.map((member) => [member.userId, member])), [members]);
  const workspace = workspaces.find((candidate) => candidate.id === route.workspace) ?? null;

  const loadWorkspaces = () =>
    api
      .workspaces()
      .then((page) => setWorkspaces(page.items))
      .catch((failure) => setError(describe(failure)));
  useEffect(() => {
    loadWorkspaces();
  }, []);

  // pick a workspace when none is chosen, or the chosen one is gone
  useEffect(() => {
    if (workspaces.length > 0 && !workspace) go({ workspace: workspaces[0].id, project: null, task: null });
  }, [workspaces, workspace]);

  // the workspace stream: projects, members, the board, the feed, presence
  useEffect(() => {
    const ws = route.workspace;
    setProjects([]);
    setMembers([]);
    setOnline(new Set());
    setGeneration(0);
    if (!ws) return;
    let loaded = false;
    const reload = () => {
      loaded = true;
      setGeneration((current) => current + 1);
      api.projects(ws).then((page) => setProjects(page.items)).catch((failure) => setError(describe(failure)));
      api.members(ws).then((page) => setMembers(page.items)).catch((failure) => setError(describe(failure)));
      api.feed(ws).then((page) => setFeedSeed(page.items)).catch(() => undefined);
    };
    return realtime.follow(`workspace:${ws}`, {
      // after a reconnect the replay brings what was missed: only the first subscription reads state over HTTP
      onSubscribed: () => !loaded && reload(),
      onReset: reload,
      onFrame: (frame) => {
        if (frame.type !== "event") return;
        if (frame.eventType === "ProjectDeleted") {
          setProjects((current) => current.filter((project) => project.id !== frame.aggregateId));
        } else if (frame.eventType.startsWith("Project")) {
          // the project list may not hold this event yet: merge, so a slower read never drops a newer project
          api.projects(ws).then((page) => setProjects((current) => merged(current, page.items))).catch(() => undefined);
        } else if (frame.eventType.startsWith("Member")) {
          api.members(ws).then((page) => setMembers(page.items)).catch(() => undefined);
        }
        listeners.current.forEach((listener) => listener(frame));
      },
      onPresence: (frame) => setOnline((current) => present(current, frame)),
      onEnded: () => {
        setError("You are no longer a member of this workspace.");
        loadWorkspaces();
      },
    });
  }, [realtime, route.workspace]);

  // pick a project when none is chosen
  useEffect(() => {
    const live = projects.filter((project) => !project.archived);
    if (live.length > 0 && !projects.some((project) => project.id === route.project)) {
      go({ project: live[0].id, task: null });
    }
  }, [projects, route.project]);

  async function createProject(name: string) {
    const ws = route.workspace!;
    const accepted = await api.createProject(ws, name);
    const page = await api.projects(ws, accepted.globalPosition); // read our own write
    setProjects((current) => merged(current, page.items));
    go({ project: accepted.id, task: null });
  }

  const project = projects.find((candidate) => candidate.id === route.project) ?? null;

  return (
    <div class="shell">
      <header class="top">
        <span class="brand">TaskMesh</span>
        {workspace && <SearchBox workspace={workspace.id} people={people} onOpen={(hit) => go({ project: hit.projectId, task: hit.taskId })} />}
        <span class={`connection ${connection}`} role="status" aria-live="polite">
          {connection === "open" ? "Live" : connection === "connecting" ? "Connecting…" : "Offline: reconnecting"}
        </span>
        <Online people={people} users={online} label="Online in this workspace" />
        <Bell
          realtime={realtime}
          me={me}
          onOpen={(n) => n.task && go({ workspace: n.workspaceId, task: n.task.id })}
          onUserEvent={loadWorkspaces}
        />
        <span class="me" title={`@${me.handle}`}>
          {me.displayName}
        </span>
        <button type="button" class="link" onClick={() => api.logout()}>
          Sign out
        </button>
      </header>
      <Sidebar
        workspaces={workspaces}
        current={workspace}
        projects={projects}
        project={project}
        onWorkspace={(id) => go({ workspace: id, project: null, task: null })}
        onProject={(id) => go({ project: id, task: null })}
        onChanged={loadWorkspaces}
        onCreateProject={createProject}
      />
      <main class="content">
        {error && (
          <p class="error" role="alert">
            {error}{" "}
            <button type="button" class="link" onClick={() => setError(null)}>
              Dismiss
            </button>
          </p>
        )}
        {!workspace && workspaces.length === 0 && <p class="empty">Create a workspace to begin.</p>}
        {workspace && !project && <p class="empty">Create a project in this workspace to get a board.</p>}
        {workspace && project && generation > 0 && (
          <BoardView
            key={project.id}
            generation={generation}
            workspace={workspace}
            project={project}
            people={people}
            events={events}
            onOpen={(task) => go({ task })}
            onError={(failure) => setError(describe(failure))}
          />
        )}
      </main>
      {workspace && route.task && (
        <TaskPanel
          key={route.task}
          workspace={workspace}
          taskId={route.task}
          me={me}
          people={people}
          members={members}
          realtime={realtime}
          onClose={() => go({ task: null })}
        />
      )}
      {workspace && <Activity key={workspace.id} seed={feedSeed} events={events} people={people} />}
    </div>
  );
}

function merged(held: Project[], read: Project[]): Project[] {
  const byId = new Map(held.map((project) => [project.id, project]));
  for (const project of read) {
    const mine = byId.get(project.id);
    if (!mine || mine.version <= project.version) byId.set(project.id, project);
  }
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
