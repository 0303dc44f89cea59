import { describe, expect, it } from "vitest";
import { formatRoute, parseRoute, type Route } from "../src/ui/route";

const WORKSPACE = "5f0c0000-0000-4000-8000-000000000001";
const PROJECT = "70e10000-0000-4000-8000-000000000002";
const TASK = "9a1d0000-0000-4000-8000-000000000003";

/** A route naming nothing; override the parts the test is about. */
function route(overrides: Partial<Route> = {}): Route {
  return { workspace: null, project: null, task: null, ...overrides };
}

describe("parseRoute", () => {
  it("reads the workspace, project and task from the hash", () => {
    expect(parseRoute(`#/w/${WORKSPACE}/p/${PROJECT}/t/${TASK}`)).toEqual(
      route({ workspace: WORKSPACE, project: PROJECT, task: TASK }),
    );
  });

  it("reads a hash that has no slash after the #", () => {
    expect(parseRoute(`#w/${WORKSPACE}`)).toEqual(route({ workspace: WORKSPACE }));
  });

  it("names nothing for an empty hash", () => {
    expect(parseRoute("")).toEqual(route());
  });

  it("names nothing for the root hash", () => {
    expect(parseRoute("#/")).toEqual(route());
  });

  it("leaves the project and task out of a hash that names a workspace only", () => {
    expect(parseRoute(`#/w/${WORKSPACE}`)).toEqual(route({ workspace: WORKSPACE }));
  });

  it("leaves the task out of a hash that names a workspace and a project", () => {
    expect(parseRoute(`#/w/${WORKSPACE}/p/${PROJECT}`)).toEqual(route({ workspace: WORKSPACE, project: PROJECT }));
  });

  it("treats a key without an id as missing", () => {
    expect(parseRoute(`#/w/${WORKSPACE}/p/`)).toEqual(route({ workspace: WORKSPACE }));
  });

  it("treats a trailing key as missing", () => {
    expect(parseRoute(`#/w/${WORKSPACE}/p`)).toEqual(route({ workspace: WORKSPACE }));
  });

  it("decodes URL-encoded ids", () => {
    expect(parseRoute("#/w/team%20one/p/a%2Fb/t/%C3%A9t%C3%A9")).toEqual(
      route({ workspace: "team one", project: "a/b", task: "été" }),
    );
  });
});

describe("formatRoute", () => {
  it("writes the workspace, project and task into the hash", () => {
    expect(formatRoute(route({ workspace: WORKSPACE, project: PROJECT, task: TASK }))).toBe(
      `#/w/${WORKSPACE}/p/${PROJECT}/t/${TASK}`,
    );
  });

  it("writes the root hash for a route that names nothing", () => {
    expect(formatRoute(route())).toBe("#/");
  });

  it("writes a workspace alone", () => {
    expect(formatRoute(route({ workspace: WORKSPACE }))).toBe(`#/w/${WORKSPACE}`);
  });

  it("writes a workspace and a project", () => {
    expect(formatRoute(route({ workspace: WORKSPACE, project: PROJECT }))).toBe(`#/w/${WORKSPACE}/p/${PROJECT}`);
  });

  it("does not write a project without a workspace", () => {
    expect(formatRoute(route({ project: PROJECT, task: TASK }))).toBe("#/");
  });

  it("does not write a task without a project", () => {
    expect(formatRoute(route({ workspace: WORKSPACE, task: TASK }))).toBe(`#/w/${WORKSPACE}`);
  });
});

describe("parseRoute and formatRoute", () => {
  it("give back a route that names a workspace, a project and a task", () => {
    const full = route({ workspace: WORKSPACE, project: PROJECT, task: TASK });

    expect(parseRoute(formatRoute(full))).toEqual(full);
  });

  it("give back a route that names a workspace and a project", () => {
    const board = route({ workspace: WORKSPACE, project: PROJECT });

    expect(parseRoute(formatRoute(board))).toEqual(board);
  });

  it("give back a route that names a workspace only", () => {
    const workspace = route({ workspace: WORKSPACE });

    expect(parseRoute(formatRoute(workspace))).toEqual(workspace);
  });

  it("give back a route that names nothing", () => {
    expect(parseRoute(formatRoute(route()))).toEqual(route());
  });

  it("give back the hash they were given", () => {
    const hash = `#/w/${WORKSPACE}/p/${PROJECT}/t/${TASK}`;

    expect(formatRoute(parseRoute(hash))).toBe(hash);
  });

  it("drop a task that has no project on the way through", () => {
    expect(parseRoute(formatRoute(route({ workspace: WORKSPACE, task: TASK })))).toEqual(route({ workspace: WORKSPACE }));
  });
});

describe("crafted routes", () => {
  it("names nothing for an id with a broken escape rather than throwing", () => {
    expect(parseRoute("#/w/%E0%A4%A").workspace).toBeNull();
  });

  it("gives back an id holding a slash", () => {
    expect(parseRoute(formatRoute({ workspace: "a/b", project: null, task: null })).workspace).toBe("a/b");
  });
});
