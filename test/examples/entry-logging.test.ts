import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import {
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  moduleOf,
  runDocumented,
} from "./example-support.js";

describe("examples/entry_logging", { timeout: 60_000 }, () => {
  it("a TypeScript entry named main in front of the greeter worker", async () => {
    const project = await loadExample("entry_logging", ["tools.ts", "greeter.worker"]);
    expect([...project.registry.workers.keys()]).toEqual(["greeter"]);
    const { logLine } = moduleOf(project, "entry_logging", "tools.ts") as {
      logLine: (message: string, time: Date) => string;
    };
    expect(logLine("two\nlines", new Date("2026-03-14T09:30:00Z"))).toBe(
      '[2026-03-14T09:30:00.000Z] "two\\nlines"\n',
    );
  });

  it("logs each message, then answers with the greeter", async () => {
    await using project = await copyExample("entry_logging", ["messages.log"]);
    const result = await runDocumented(exampleCommands.entryLogging, project.dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Hello Ada, lovely to meet you! What can I do for you today?\n");
    const events = eventsOf(
      await runDocumented(exampleCommands.entryLogging, project.dir, { extraArguments: ["--json"] }),
    );
    expect(eventsOfType(events, "call-start").map((event) => [event.path.join(" > "), event.kind])).toEqual([
      ["main", "tool"],
      ["main > greeter", "worker"],
    ]);
    const log = (await readFile(project.path("messages.log"), "utf8")).trim().split("\n");
    expect(log).toHaveLength(2);
    for (const line of log) expect(line).toMatch(/^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] "Hello, my name is Ada"$/);
  });
});
