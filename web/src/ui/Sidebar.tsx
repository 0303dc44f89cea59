import { useState } from "preact/hooks";
import type { Project, WorkspaceSummary } from "../api/types";
import { api } from "./connection";
import { describe } from "./errors";

interface Props {
  workspaces: WorkspaceSummary[];
  current: WorkspaceSummary | null;
  projects: Project[];
  project: Project | null;
  onWorkspace(id: string): void;
  onProject(id: string): void;
  /** Reads the workspace list again (it is written with the command, so it holds a workspace just created). */
  onChanged(): Promise<void>;
  onCreateProject(name: string): Promise<void>;
}

/** Workspaces and the current one's projects, with forms to create both and to invite people. */
export function Sidebar(props: Props) {
  const { workspaces, current, projects, project, onWorkspace, onProject, onChanged, onCreateProject } = props;
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const manages = current !== null && (current.role === "owner" || current.role === "admin") && !current.archived;

  const submit = (action: (data: FormData) => Promise<unknown>) => async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setError(null);
    setNotice(null);
    try {
      await action(new FormData(form));
      form.reset();
    } catch (failure) {
      setError(describe(failure));
    }
  };

  return (
    <nav class="sidebar" aria-label="Workspaces and projects">
      <h2>Workspaces</h2>
      <ul>
        {workspaces.map((workspace) => (
          <li key={workspace.id}>
            <button
              type="button"
              class="nav-item"
              aria-current={workspace.id === current?.id ? "true" : undefined}
              onClick={() => onWorkspace(workspace.id)}
            >
              {workspace.name}
              {workspace.archived && " (archived)"}
            </button>
          </li>
        ))}
      </ul>
      <form
        aria-label="New workspace"
        onSubmit={submit(async (data) => {
          const accepted = await api.createWorkspace(String(data.get("name")).trim());
          await onChanged(); // before choosing it: a list without it would choose another
          onWorkspace(accepted.id);
        })}
      >
        <input name="name" placeholder="New workspace" aria-label="New workspace name" required maxLength={100} />
        <button type="submit">Add</button>
      </form>
      {current && (
        <>
          <h2>Projects</h2>
          <ul>
            {projects.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  class="nav-item"
                  aria-current={candidate.id === project?.id ? "page" : undefined}
                  onClick={() => onProject(candidate.id)}
                >
                  {candidate.name}
                  {candidate.archived && " (archived)"}
                </button>
              </li>
            ))}
          </ul>
          {manages && (
            <>
              <form
                aria-label="New project"
                onSubmit={submit((data) => onCreateProject(String(data.get("name")).trim()))}
              >
                <input name="name" placeholder="New project" aria-label="New project name" required maxLength={100} />
                <button type="submit">Add</button>
              </form>
              <form
                aria-label="Invite someone"
                onSubmit={submit(async (data) => {
                  await api.invite(current.id, String(data.get("email")).trim(), String(data.get("role")));
                  setNotice("Invitation sent, if that address can receive one.");
                })}
              >
                <input name="email" type="email" placeholder="Invite by email" aria-label="Email to invite" required />
                <select name="role" aria-label="Role of the invited person">
                  <option value="member">member</option>
                  <option value="admin">admin</option>
                  <option value="viewer">viewer</option>
                </select>
                <button type="submit">Invite</button>
              </form>
            </>
          )}
        </>
      )}
      {notice && <p class="notice">{notice}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </nav>
  );
}
