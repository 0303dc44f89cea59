// The live board, end to end: two people in two browser contexts of Debian's Chromium, against a running server
// (TASKMESH_BASE_URL). The second person's browser reaches the server through a proxy the test can cut.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { cuttableProxy } from "./proxy.mjs";

const BASE = process.env.TASKMESH_BASE_URL ?? "http://127.0.0.1:8080";
const ARTIFACTS = process.env.TASKMESH_E2E_ARTIFACTS ?? "target/e2e";
const CHROMIUM = process.env.TASKMESH_CHROMIUM ?? "/usr/bin/chromium";
const LIVE = { timeout: 10_000 }; // what "live" may take here, on a loaded two-core machine; typically milliseconds

const run = Date.now().toString(36);
const alice = { email: `alice-${run}@example.com`, handle: `alice_${run}`, displayName: "Alice Example", password: "correct horse alice" };
const bob = { email: `bob-${run}@example.com`, handle: `bob_${run}`, displayName: "Bob Example", password: "correct horse bob" };

let browser, proxy, alicePage, bobPage;

/** A call of the public API from the test itself: only to make Bob a member, which the page does by invitation. */
async function call(method, path, body, token) {
  const response = await fetch(BASE + path, {
    method,
    headers: { "Content-Type": "application/json", ...(token && { Authorization: `Bearer ${token}` }) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const column = (page, status) => page.locator(`section.column[data-status="${status}"]`);
const card = (page, status, title) => column(page, status).locator("li.card", { hasText: title });

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  proxy = await cuttableProxy(new URL(BASE));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
  alicePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  bobPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  for (const page of [alicePage, bobPage]) {
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    page.on("console", (message) => message.type() === "error" && console.error(`console: ${message.text()}`));
  }
});

after(async () => {
  // how each page ended, for whoever reads a failure
  await alicePage?.screenshot({ path: `${ARTIFACTS}/alice-last.png` }).catch(() => undefined);
  await bobPage?.screenshot({ path: `${ARTIFACTS}/bob-last.png` }).catch(() => undefined);
  await browser?.close();
  await proxy?.close();
});

test("a person signs up, creates a workspace and a project, and gets an empty board", async () => {
  await alicePage.goto(BASE);
  await alicePage.getByRole("button", { name: "New here? Create an account" }).click();
  await alicePage.getByLabel("Email").fill(alice.email);
  await alicePage.getByLabel("Handle").fill(alice.handle);
  await alicePage.getByLabel("Display name").fill(alice.displayName);
  await alicePage.getByLabel("Password").fill(alice.password);
  await alicePage.getByRole("button", { name: "Create account" }).click();
  await alicePage.getByText("Create a workspace to begin.").waitFor();

  await alicePage.getByLabel("New workspace name").fill("Launch");
  await alicePage.getByRole("form", { name: "New workspace" }).getByRole("button", { name: "Add" }).click();
  await alicePage.getByLabel("New project name").fill("Website");
  await alicePage.getByRole("form", { name: "New project" }).getByRole("button", { name: "Add" }).click();
  await alicePage.getByRole("heading", { name: "Website" }).waitFor();
  assert.equal(await alicePage.locator("section.column").count(), 6);
  await alicePage.getByText("Live", { exact: true }).waitFor(LIVE);
});

test("a member signs in through the cuttable network and sees the same board", async () => {
  await call("POST", "/api/auth/register", bob);
  const bobId = await (async () => {
    const { accessToken } = await call("POST", "/api/auth/login", { email: bob.email, password: bob.password });
    return (await call("GET", "/api/users/me", undefined, accessToken)).id;
  })();
  const { accessToken } = await call("POST", "/api/auth/login", { email: alice.email, password: alice.password });
  const [workspace] = (await call("GET", "/api/workspaces", undefined, accessToken)).items;
  await call("POST", `/api/workspaces/${workspace.id}/members`, { userId: bobId, role: "member" }, accessToken);

  await bobPage.goto(proxy.url);
  await bobPage.getByLabel("Email").fill(bob.email);
  await bobPage.getByLabel("Password").fill(bob.password);
  await bobPage.getByRole("button", { name: "Sign in" }).click();
  await bobPage.getByRole("heading", { name: "Website" }).waitFor();
  await bobPage.getByText("Live", { exact: true }).waitFor(LIVE);
  // each sees the other online in the workspace
  await alicePage.locator('ul.online[aria-label="Online in this workspace"] .avatar[title="Bob Example"]').waitFor(LIVE);
  await bobPage.locator('ul.online[aria-label="Online in this workspace"] .avatar[title="Alice Example"]').waitFor(LIVE);
});

test("a task created by one person appears on the other's board live", async () => {
  await alicePage.getByLabel("New task title").fill("Write the launch plan");
  await alicePage.getByRole("button", { name: "Add task" }).click();
  await card(alicePage, "todo", "Write the launch plan").waitFor(LIVE);
  await card(bobPage, "todo", "Write the launch plan").waitFor(LIVE);
});

test("a card dragged to another column moves on the other board live", async () => {
  await card(alicePage, "todo", "Write the launch plan").dragTo(column(alicePage, "in_progress"));
  await card(alicePage, "in_progress", "Write the launch plan").waitFor(LIVE);
  await card(bobPage, "in_progress", "Write the launch plan").waitFor(LIVE);
  assert.equal(await card(bobPage, "todo", "Write the launch plan").count(), 0);
});

test("cards reorder within a column by drag and drop and by keyboard", async () => {
  for (const title of ["Pick a date", "Book the venue"]) {
    await alicePage.getByLabel("New task title").fill(title);
    await alicePage.getByLabel("Column").selectOption("backlog");
    await alicePage.getByRole("button", { name: "Add task" }).click();
    await card(alicePage, "backlog", title).waitFor(LIVE);
  }
  const titles = (page) => column(page, "backlog").locator("li.card .card-title").allTextContents();
  assert.deepEqual(await titles(alicePage), ["Pick a date", "Book the venue"]);

  await card(alicePage, "backlog", "Book the venue").dragTo(card(alicePage, "backlog", "Pick a date"), {
    targetPosition: { x: 20, y: 3 },
  });
  await expectTitles(bobPage, ["Book the venue", "Pick a date"]);

  await card(alicePage, "backlog", "Book the venue").focus();
  await alicePage.keyboard.press("Alt+ArrowDown");
  await expectTitles(bobPage, ["Pick a date", "Book the venue"]);
  await alicePage.keyboard.press("Alt+ArrowRight"); // to the next column: To do
  await card(bobPage, "todo", "Book the venue").waitFor(LIVE);

  async function expectTitles(page, expected) {
    await waitUntil(async () => JSON.stringify(await titles(page)) === JSON.stringify(expected), `backlog ${expected}`);
  }
});

test("a comment with a mention raises the other's unread count live, and they see who is typing", async () => {
  const bell = bobPage.locator(".unread-count");
  await waitUntil(async () => /^\d+$/.test(await bell.textContent()), "Bob's count is shown");
  const unreadBefore = Number(await bell.textContent()); // being added to the workspace was a notification too

  await bobPage.locator("li.card", { hasText: "Write the launch plan" }).getByRole("button").click();
  await alicePage.locator("li.card", { hasText: "Write the launch plan" }).getByRole("button").click();
  const comment = alicePage.getByLabel("Comment", { exact: true });
  await comment.pressSequentially(`@${bob.handle} can you review the plan?`, { delay: 20 });
  await bobPage.getByText("Alice Example is typing…").waitFor(LIVE);
  await alicePage.getByRole("button", { name: "Comment", exact: true }).click();

  await waitUntil(async () => Number(await bell.textContent()) === unreadBefore + 1, "Bob's unread count went up by one");
  await bobPage.locator(".comment-body", { hasText: "can you review the plan?" }).waitFor(LIVE);
  await bobPage.getByRole("button", { name: `Notifications: ${unreadBefore + 1} unread` }).click();
  await bobPage.getByText("mentioned you on Write the launch plan").waitFor(LIVE);
  await bobPage.getByRole("button", { name: /Notifications/ }).click();
  await bobPage.getByRole("button", { name: "Close the task" }).click();
  await alicePage.getByRole("button", { name: "Close the task" }).click();
});

test("a page whose network was cut catches up by itself once it is back", async () => {
  await proxy.cut();
  await bobPage.getByText("Offline: reconnecting").waitFor(LIVE);

  await card(alicePage, "in_progress", "Write the launch plan").dragTo(column(alicePage, "done"));
  await card(alicePage, "done", "Write the launch plan").waitFor(LIVE);
  await alicePage.getByLabel("Column").selectOption("todo");
  await alicePage.getByLabel("New task title").fill("Announce the launch");
  await alicePage.getByRole("button", { name: "Add task" }).click();
  await card(alicePage, "todo", "Announce the launch").waitFor(LIVE);
  assert.equal(await card(bobPage, "done", "Write the launch plan").count(), 0, "nothing reaches a cut page");

  await proxy.restore();
  await bobPage.getByText("Live", { exact: true }).waitFor({ timeout: 30_000 });
  await card(bobPage, "done", "Write the launch plan").waitFor(LIVE);
  await card(bobPage, "todo", "Announce the launch").waitFor(LIVE);
  // each card once, whatever the replay after the reconnect overlapped
  assert.equal(await bobPage.locator("li.card", { hasText: "Write the launch plan" }).count(), 1);
  assert.equal(await bobPage.locator("li.card", { hasText: "Announce the launch" }).count(), 1);
});

test("search finds a task by a word of its comments and highlights it as text", async () => {
  await alicePage.getByLabel("Search tasks").fill("review");
  const hit = alicePage.locator(".search-results .hit", { hasText: "Write the launch plan" });
  await hit.waitFor(LIVE);
  assert.equal(await hit.locator("mark").first().textContent(), "review");
  await alicePage.getByLabel("Search tasks").fill("");
});

test("user text is shown as text, never as markup", async () => {
  const title = `<img src=x onerror="window.hacked=1"> <b>bold</b>`;
  await alicePage.getByLabel("New task title").fill(title);
  await alicePage.getByRole("button", { name: "Add task" }).click();
  await card(bobPage, "todo", title).waitFor(LIVE);
  assert.equal(await bobPage.locator("li.card img, li.card b").count(), 0);
  assert.equal(await bobPage.evaluate(() => window.hacked), undefined);
});

test("changes made in the task panel show on the other board live, and in the task's history", async () => {
  await alicePage.locator("li.card", { hasText: "Announce the launch" }).getByRole("button").click();
  const panel = alicePage.getByRole("dialog", { name: "Task: Announce the launch" });
  await panel.getByLabel("Assignee").selectOption({ label: "Bob Example" });
  await panel.getByLabel("Priority").selectOption("high");
  await panel.getByLabel("Labels").fill("launch, press");
  await panel.getByLabel("Labels").press("Tab");

  const bobsCard = card(bobPage, "todo", "Announce the launch");
  await bobsCard.locator('.avatar[title="Bob Example"]').waitFor(LIVE);
  await bobsCard.locator(".priority", { hasText: "high" }).waitFor(LIVE);
  await bobsCard.locator(".label", { hasText: "press" }).waitFor(LIVE);
  await panel.getByText("Alice Example assigned a task to Bob Example").waitFor(LIVE);
  await alicePage.getByRole("button", { name: "Close the task" }).click();
});

test("the board fits a phone's width and is saved as a screenshot", async () => {
  await alicePage.locator("li.card", { hasText: "Write the launch plan" }).getByRole("button").click();
  await alicePage.locator(".comment-body").first().waitFor(LIVE);
  await alicePage.screenshot({ path: `${ARTIFACTS}/board.png` });
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(BASE);
  await phone.getByLabel("Email").fill(alice.email);
  await phone.getByLabel("Password").fill(alice.password);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await phone.getByRole("heading", { name: "Website" }).waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await phone.screenshot({ path: `${ARTIFACTS}/board-phone.png`, fullPage: true });
});

async function waitUntil(check, what, timeout = LIVE.timeout) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within ${timeout} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
