import { render } from "ink-testing-library";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { ApprovalDecision } from "../../src/approvals/approval-types.js";
import { App } from "../../src/ui/app.js";
import { createUiChannel, type UiChannel } from "../../src/ui/ui-channel.js";
import type { UiAction } from "../../src/ui/ui-state.js";
import { approvalRequest, mainStart, runStart, textDelta, toolEnd, toolStart } from "./ui-events.js";

interface Harness {
  channel: UiChannel;
  frame(): string;
  type(text: string): void;
  answers: ApprovalDecision[];
  submitted: string[];
  quits: number;
  unmount(): void;
}

const mounted: Harness[] = [];
afterEach(() => {
  for (const harness of mounted.splice(0)) harness.unmount();
});

function mount(chat: boolean): Harness {
  const channel = createUiChannel();
  const harness: Harness = {
    channel,
    answers: [],
    submitted: [],
    quits: 0,
    frame: () => "",
    type: () => {},
    unmount: () => {},
  };
  const app = render(
    <App
      source={channel}
      chat={chat}
      now={() => 0}
      onAnswer={(decision) => harness.answers.push(decision)}
      onSubmit={(text) => harness.submitted.push(text)}
      onQuit={() => {
        harness.quits += 1;
      }}
    />,
  );
  harness.frame = () => app.lastFrame() ?? "";
  harness.type = (text) => app.stdin.write(text);
  harness.unmount = app.unmount;
  mounted.push(harness);
  return harness;
}

function send(harness: Harness, ...actions: UiAction[]): void {
  for (const action of actions) harness.channel.send(action);
}

function events(harness: Harness, ...list: Parameters<typeof runEventActions>): void {
  send(harness, ...runEventActions(...list));
}

function runEventActions(...list: Array<ReturnType<typeof runStart>>): UiAction[] {
  return list.map((event) => ({ type: "run-event", event, at: 0 }));
}

async function shows(harness: Harness, ...texts: string[]): Promise<void> {
  await vi.waitFor(() => {
    for (const text of texts) expect(harness.frame()).toContain(text);
  });
}

/** Writes keys one at a time, as a person types them. */
async function keys(harness: Harness, ...list: string[]): Promise<void> {
  for (const key of list) {
    harness.type(key);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("App", () => {
  test("shows the user's message and streams the worker's text", async () => {
    const app = mount(false);
    send(app, { type: "turn-start", input: "say hello", at: 0 });
    events(app, runStart(), mainStart(), textDelta("Hel"));
    await shows(app, "❯ say hello", "● main", "test:model", "Hel", "main · responding");
    events(app, textDelta("lo, world"));
    await shows(app, "Hello, world");
  });

  test("tool calls show their arguments and results; errors are marked", async () => {
    const app = mount(false);
    send(app, { type: "turn-start", input: "go", at: 0 });
    events(
      app,
      runStart(),
      mainStart(),
      toolStart("t1", "read_file", { path: "notes/a.md" }),
      toolEnd("t1", "read_file", { output: { content: "first line\nsecond line", truncated: false } }),
      toolStart("t2", "read_file", { path: "missing.md" }),
    );
    await shows(
      app,
      "⏺ read_file",
      "path: notes/a.md",
      "⎿ ok · 42ms",
      "first line",
      "second line",
      "truncated: false",
    );
    await shows(app, "path: missing.md", "⎿ running…", "main > read_file · running");
    events(app, toolEnd("t2", "read_file", { error: "read_file failed: ENOENT" }));
    await shows(app, "⎿ error · 42ms", "read_file failed: ENOENT");
  });

  test("the approval panel shows the request and answers with a, s and d", async () => {
    const app = mount(false);
    send(app, { type: "turn-start", input: "go", at: 0 });
    events(
      app,
      runStart(),
      mainStart(),
      toolStart("t1", "write_file", { path: "a.md", content: "x" }),
      approvalRequest("t1", "write_file", { path: "a.md", content: "x" }),
    );
    await shows(app, "Approval 1 of 1", "Call: main > write_file", "Tool: write_file", "Call write_file");
    await shows(app, "[a] approve once", "[s] approve for session", "[d] deny", "[q] quit");
    await keys(app, "a");
    expect(app.answers).toEqual([{ type: "approved", remember: "once" }]);
    await vi.waitFor(() => expect(app.frame()).not.toContain("Approval 1 of 1"));

    events(
      app,
      toolStart("t2", "write_file", { path: "b.md" }),
      approvalRequest("t2", "write_file", { path: "b.md" }),
    );
    await shows(app, "Approval 1 of 1", "path: b.md");
    await keys(app, "s");
    events(
      app,
      toolStart("t3", "write_file", { path: "c.md" }),
      approvalRequest("t3", "write_file", { path: "c.md" }),
    );
    await shows(app, "path: c.md");
    await keys(app, "d");
    expect(app.answers.slice(1)).toEqual([
      { type: "approved", remember: "session" },
      { type: "denied", note: "Rejected via TUI" },
    ]);
  });

  test("queued approvals are numbered i of n, and numbering restarts with a new batch", async () => {
    const app = mount(false);
    send(app, { type: "turn-start", input: "go", at: 0 });
    events(
      app,
      runStart(),
      mainStart(),
      ...["a", "b", "c"].flatMap((name) => [
        toolStart(name, "write_file", { path: `${name}.md` }),
        approvalRequest(name, "write_file", { path: `${name}.md` }),
      ]),
    );
    await shows(app, "Approval 1 of 3", "path: a.md");
    await keys(app, "a");
    await shows(app, "Approval 2 of 3", "path: b.md");
    await keys(app, "a");
    await shows(app, "Approval 3 of 3", "path: c.md");
    await keys(app, "a");
    await vi.waitFor(() => expect(app.frame()).not.toContain("Approval 3 of 3"));
    events(
      app,
      toolStart("d", "write_file", { path: "d.md" }),
      approvalRequest("d", "write_file", { path: "d.md" }),
    );
    await shows(app, "Approval 1 of 1", "path: d.md");
  });

  test("q asks for confirmation, a second q quits", async () => {
    const app = mount(false);
    send(app, { type: "turn-start", input: "go", at: 0 });
    await shows(app, "❯ go", "q q or Ctrl+C quit");
    await keys(app, "q");
    await shows(app, "Press 'q' again to exit.");
    expect(app.quits).toBe(0);
    await keys(app, "q");
    expect(app.quits).toBe(1);
  });

  test("Ctrl+C quits at once", async () => {
    const app = mount(true);
    await shows(app, "Enter send");
    await keys(app, "\u0003");
    expect(app.quits).toBe(1);
  });

  test("chat input: Enter sends, Ctrl+J adds a line, Up/Down browse the history and keep the draft", async () => {
    const app = mount(true);
    await shows(app, "Type a message", "Enter send · Ctrl+J or Alt+Enter newline");
    await keys(app, "first", "\r");
    await keys(app, "second", "\n", "line", "\r");
    expect(app.submitted).toEqual(["first", "second\nline"]);
    await keys(app, "my draft");
    await shows(app, "my draft");
    await keys(app, "\u001b[A");
    await shows(app, "second", "line");
    await keys(app, "\u001b[A", "\u001b[A");
    await shows(app, "❯ first");
    await keys(app, "\u001b[B", "\u001b[B", "\u001b[B");
    await shows(app, "my draft");
  });

  test("sending during a turn asks to wait", async () => {
    const app = mount(true);
    send(app, { type: "turn-start", input: "first", at: 0 });
    await shows(app, "❯ first");
    await keys(app, "too soon", "\r");
    await shows(app, "Wait for the current response to finish.", "too soon");
    expect(app.submitted).toEqual([]);
  });
});
