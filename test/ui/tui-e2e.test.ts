/**
 * The real command (`bin/llm-do.js`, built with `npm run build`) in a real pseudo-terminal:
 * tmux runs it against a local fake Anthropic server, the test answers the approval with a key
 * press and reads the screen.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, test, vi } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { BIN } from "../cli/run-cli.js";
import { startFakeAnthropicServer, textResponse, toolUseResponse } from "../support/fake-anthropic-server.js";

const WORKER =
  "---\nname: main\nmodel: anthropic:claude-haiku-4-5\ntoolsets:\n  filesystem: {}\n---\nWrite notes when asked.\n";

/** A tmux server of its own, so that the test never touches the user's sessions. */
const socket = `llm-do-e2e-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
}

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function screen(): string {
  return tmux("capture-pane", "-p", "-t", "tui");
}

async function waitForScreen(expected: string): Promise<string> {
  return vi.waitFor(
    () => {
      const text = screen();
      expect(text).toContain(expected);
      return text;
    },
    { timeout: 15_000, interval: 100 },
  );
}

afterEach(() => {
  try {
    tmux("kill-server");
  } catch {
    // Already gone.
  }
});

describe("the TUI in a real terminal (tmux)", () => {
  test("an approval is answered with [a]; the file is written and the result printed", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse(
        "write_file",
        { path: "notes/hello.txt", content: "hi from the TUI" },
        "Writing the note.",
      ),
      textResponse("The note is written."),
    ]);
    await using project = await tempProject({ "main.worker": WORKER });
    // A clean environment: no CI variable (Ink would draw only the last frame), a known TERM.
    const environment = {
      PATH: process.env.PATH ?? "",
      HOME: project.dir,
      TERM: "xterm-256color",
      ANTHROPIC_BASE_URL: server.baseUrl,
      ANTHROPIC_API_KEY: "test",
    };
    const command = [
      "env -i",
      ...Object.entries(environment).map(([name, value]) => `${name}=${quote(value)}`),
      quote(process.execPath),
      quote(BIN),
      "main.worker",
      quote("write the note"),
      "; echo EXIT=$?; sleep 60",
    ].join(" ");
    tmux("new-session", "-d", "-s", "tui", "-x", "120", "-y", "40", "-c", project.dir, command);

    const panel = await waitForScreen("Approval 1 of 1");
    expect(panel).toContain("Call: main > write_file");
    expect(panel).toContain("Tool: write_file");
    expect(panel).toContain("Write 15 chars to notes/hello.txt");
    expect(panel).toContain("[a] approve once");
    expect(panel).toContain("❯ write the note");
    expect(panel).toContain("Writing the note.");

    tmux("send-keys", "-t", "tui", "a");
    const done = await waitForScreen("EXIT=");
    expect(done).toContain("EXIT=0");
    expect(done).toContain("✓ approved once");
    expect(done).toContain("✓ Done in");
    expect(done).not.toContain("Approval 1 of 1");
    // The final result, printed on stdout after the UI closed.
    expect(done).toMatch(/The note is written\.\s*\n\s*EXIT=0/);
    expect(await readFile(project.path("notes/hello.txt"), "utf8")).toBe("hi from the TUI");
    expect(server.requests).toHaveLength(2);
  });
});
