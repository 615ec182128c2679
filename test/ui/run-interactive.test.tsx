import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  fail,
  type ScriptedModel,
  scriptedModel,
  step,
  tempProject,
  text,
  toolCall,
} from "../../src/testing/index.js";
import { type InteractiveOptions, runInteractive } from "../../src/ui/run-interactive.js";

const WORKER = "---\nname: main\nmodel: test:main\ntoolsets:\n  filesystem: {}\n---\nWrite notes.\n";

interface Session {
  result: ReturnType<typeof runInteractive>;
  /** The screen now. */
  frame(): string;
  /**
   * The last non-blank frame: after the session closed, the whole transcript. (Under CI, Ink's
   * unmount writes one more, blank, frame.)
   */
  closedFrame(): string;
  /** Types keys one at a time. */
  keys(...list: string[]): Promise<void>;
  shows(...texts: string[]): Promise<void>;
}

const unmounts: Array<() => void> = [];
afterEach(() => {
  for (const unmount of unmounts.splice(0)) unmount();
});

function start(
  options: { dir: string; model: ScriptedModel } & Partial<Omit<InteractiveOptions, "run" | "mount">> & {
      signal?: AbortSignal;
    },
): Session {
  let app: ReturnType<typeof render> | undefined;
  const result = runInteractive({
    run: {
      files: [`${options.dir}/main.worker`],
      cwd: options.dir,
      models: { "test:main": options.model },
      ...(options.signal ? { signal: options.signal } : {}),
    },
    chat: options.chat ?? false,
    ...("input" in options ? { input: options.input } : { input: "write a note" }),
    mount: (element) => {
      app = render(element);
      unmounts.push(app.unmount);
      return app;
    },
  });
  const frame = () => app?.lastFrame() ?? "";
  return {
    result,
    frame,
    closedFrame: () => app?.frames.findLast((written) => written.trim() !== "") ?? "",
    async keys(...list) {
      for (const key of list) {
        app?.stdin.write(key);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async shows(...texts) {
      await vi.waitFor(
        () => {
          for (const expected of texts) expect(frame()).toContain(expected);
        },
        { timeout: 5000 },
      );
    },
  };
}

function promptText(model: ScriptedModel, request: number): string {
  return JSON.stringify(model.calls[request]?.prompt);
}

describe("runInteractive with the real run()", () => {
  test("[a] approves once: the file is written, the run finishes and the UI closes", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([
      toolCall("write_file", { path: "notes/a.md", content: "hello" }),
      text("written"),
    ]);
    const session = start({ dir: project.dir, model });
    await session.shows("Approval 1 of 1", "Call: main > write_file", "Write 5 chars to notes/a.md");
    expect(existsSync(project.path("notes/a.md"))).toBe(false);
    await session.keys("a");
    const result = await session.result;
    expect(result).toMatchObject({ ending: "finished", abortedTurn: false, turns: 1, failedTurns: 0 });
    expect(result.last).toEqual({ type: "ok", output: "written" });
    expect(await readFile(project.path("notes/a.md"), "utf8")).toBe("hello");
    expect(session.closedFrame()).toContain("✓ approved once");
    expect(session.closedFrame()).toContain("✓ Done in");
    expect(session.closedFrame()).not.toContain("Approval 1 of 1");
    model.assertComplete();
  });

  test("[d] denies: nothing is written, the model reads the denial and continues", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([
      toolCall("write_file", { path: "a.md", content: "x" }),
      text("could not write"),
    ]);
    const session = start({ dir: project.dir, model });
    await session.shows("Approval 1 of 1");
    await session.keys("d");
    const result = await session.result;
    expect(result.last).toEqual({ type: "ok", output: "could not write" });
    expect(existsSync(project.path("a.md"))).toBe(false);
    expect(promptText(model, 1)).toContain("Approval denied for write_file: Rejected via TUI");
    expect(session.closedFrame()).toContain("⎿ denied");
  });

  test("[n] denies with a note the model reads", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([toolCall("write_file", { path: "a.md", content: "x" }), text("ok")]);
    const session = start({ dir: project.dir, model });
    await session.shows("Approval 1 of 1");
    await session.keys("n", "use b.md instead");
    await session.shows("Note for the model: use b.md instead");
    await session.keys("\r");
    await session.result;
    expect(promptText(model, 1)).toContain("Approval denied for write_file: use b.md instead");
  });

  test("queued approvals are answered one by one: Approval 1 of 3, 2 of 3, 3 of 3", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([
      step(
        toolCall("write_file", { path: "a.md", content: "a" }),
        toolCall("write_file", { path: "b.md", content: "b" }),
        toolCall("write_file", { path: "c.md", content: "c" }),
      ),
      text("two of three"),
    ]);
    const session = start({ dir: project.dir, model });
    await session.shows("Approval 1 of 3", "path: a.md");
    await session.keys("a");
    await session.shows("Approval 2 of 3", "path: b.md");
    await session.keys("a");
    await session.shows("Approval 3 of 3", "path: c.md");
    await session.keys("d");
    expect((await session.result).last).toEqual({ type: "ok", output: "two of three" });
    expect([
      existsSync(project.path("a.md")),
      existsSync(project.path("b.md")),
      existsSync(project.path("c.md")),
    ]).toEqual([true, true, false]);
  });

  test("chat: [s] approves for the session, kept across turns; history and re-read files reach the model", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const write = toolCall("write_file", { path: "a.md", content: "same" });
    const model = scriptedModel([write, text("first answer"), write, text("second answer")]);
    const session = start({ dir: project.dir, model, chat: true, input: "first question" });
    await session.shows("Approval 1 of 1");
    await session.keys("s");
    await session.shows("first answer", "✓ Done in");
    await project.write("main.worker", WORKER.replace("Write notes.", "Write notes, edited between turns."));
    await session.keys("second question", "\r");
    await session.shows("second answer", "approved (remembered for this session)");
    await session.keys("\u0003");
    const result = await session.result;
    expect(result).toMatchObject({ ending: "quit", abortedTurn: false, turns: 2, failedTurns: 0 });
    const second = promptText(model, 2);
    expect(second).toContain("first question");
    expect(second).toContain("first answer");
    expect(second).toContain("second question");
    expect(second).toContain("edited between turns");
    expect(session.closedFrame()).toContain("─".repeat(48));
  });

  test("q twice during an approval aborts the turn and quits", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([toolCall("write_file", { path: "a.md", content: "x" })]);
    const session = start({ dir: project.dir, model });
    await session.shows("Approval 1 of 1");
    await session.keys("q");
    await session.shows("Press 'q' again to exit.");
    await session.keys("q");
    const result = await session.result;
    expect(result).toMatchObject({ ending: "quit", abortedTurn: true });
    expect(result.last).toMatchObject({ type: "error", error: { code: "ABORTED" } });
    expect(existsSync(project.path("a.md"))).toBe(false);
  });

  test("the run's signal (SIGINT) interrupts the session", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([toolCall("write_file", { path: "a.md", content: "x" })]);
    const controller = new AbortController();
    const session = start({ dir: project.dir, model, signal: controller.signal });
    await session.shows("Approval 1 of 1");
    controller.abort();
    expect(await session.result).toMatchObject({ ending: "interrupted", abortedTurn: true });
  });

  test("chat: a failing turn is shown, the session stays open, and later turns work", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([fail(new Error("model exploded")), text("recovered")]);
    const session = start({ dir: project.dir, model, chat: true, input: "first" });
    await session.shows("✗ Failed after", "model exploded");
    await session.keys("again", "\r");
    await session.shows("recovered");
    await session.keys("\u0011");
    expect(await session.result).toMatchObject({ ending: "quit", turns: 2, failedTurns: 1 });
  });

  test("chat without a first message starts with the input box", async () => {
    await using project = await tempProject({ "main.worker": WORKER });
    const model = scriptedModel([text("hi there")]);
    const session = start({ dir: project.dir, model, chat: true, input: undefined });
    await session.shows("Type a message");
    expect(model.calls).toHaveLength(0);
    await session.keys("hello", "\r");
    await session.shows("❯ hello", "hi there");
    await session.keys("\u0003");
    expect(await session.result).toMatchObject({ ending: "quit", turns: 1 });
  });
});
