import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import type { ConfigError } from "../../src/errors.js";
import { tempProject } from "../../src/testing/index.js";
import { formatTraceTree } from "../../src/trace/format-trace-tree.js";
import { TraceJournal } from "../../src/trace/trace-journal.js";
import { readTraceFile } from "../../src/trace/write-trace-file.js";
import { sampleTrace, TRACE_EVENTS } from "./trace-events.js";

/** Appends the first `count` events of the sample run to `file`, as `--trace` does. */
function journal(file: string, count = TRACE_EVENTS.length): ConfigError[] {
  const errors: ConfigError[] = [];
  const trace = new TraceJournal({ file, displayName: "run.json", onError: (error) => errors.push(error) });
  // run-start comes before the run opens the file: it waits.
  const [first, ...rest] = TRACE_EVENTS.slice(0, count);
  trace.add(first![1], 1_000_000 + first![0]);
  trace.open();
  for (const [at, event] of rest) {
    trace.add(event, 1_000_000 + at);
    // Events the trace does not use are not written.
    trace.add({ type: "text-delta", callId: event.type, path: [], text: "x".repeat(100) }, 1_000_000 + at);
  }
  trace.close();
  return errors;
}

describe("unfinished traces (--trace while the run goes on)", () => {
  test("the appended events read back as the same trace", async () => {
    await using project = await tempProject({});
    expect(journal(project.path("run.json"))).toEqual([]);
    const text = await readFile(project.path("run.json"), "utf8");
    expect(text.split("\n")[0]).toMatch(/^\{"format":"llm-do-trace-events","version":1,/);
    expect(text).not.toContain("text-delta");
    expect(await readTraceFile(project.path("run.json"), "run.json")).toEqual(sampleTrace());
  });

  test("a killed run's trace shows what happened up to the kill, and says where it ends", async () => {
    await using project = await tempProject({});
    // Up to the start of the analyzer's read_file; nothing after it happened.
    journal(project.path("run.json"), 6);
    const lines = (await readFile(project.path("run.json"), "utf8")).split("\n");
    // The kill also cut the next line short.
    await writeFile(project.path("run.json"), `${lines.join("\n")}{"time":1000900,"event":{"type":"call-st`);
    const document = await readTraceFile(project.path("run.json"), "run.json");
    expect(document.outcome).toBe("running");
    expect(document.notes).toEqual([
      {
        atMs: TRACE_EVENTS[5]![0],
        kind: "cut",
        message: `the trace is unfinished: its run did not end (it was killed, or is still going); run.json ends at line ${lines.length - 1}; the line cut short at line ${lines.length} was left out`,
      },
    ]);
    expect(formatTraceTree(document)).toMatchInlineSnapshot(`
      "run main running 1.3s · 2 requests, 1,870 tokens, $0.0022
        cut: the trace is unfinished: its run did not end (it was killed, or is still going); run.json ends at line 7; the line cut short at line 8 was left out
      └─ main (worker, anthropic:claude-haiku-4-5) running 1.3s · 2 requests, 1,870 tokens, $0.0022
         │ in: {"input":"Summarise notes.md"}
         └─ analyzer (worker, anthropic:claude-haiku-4-5) running 500ms · 1 request, 630 tokens, $0.0008
            │ in: {"input":"read notes.md"}
            └─ read_file (tool) running 0ms
                 in: {"path":"notes.md"}
      "
    `);
  });

  test("a line that is not an event, before the last, is an error naming the line", async () => {
    await using project = await tempProject({});
    journal(project.path("run.json"), 4);
    const lines = (await readFile(project.path("run.json"), "utf8")).split("\n");
    lines.splice(2, 0, '{"nope":1}');
    await writeFile(project.path("run.json"), lines.join("\n"));
    await expect(readTraceFile(project.path("run.json"), "run.json")).rejects.toThrow(
      "run.json:3: not a trace event: expected {time, event}",
    );
  });

  test("a trace file that cannot be created is an error at the start naming it", async () => {
    await using project = await tempProject({});
    const trace = new TraceJournal({
      file: project.path("missing/run.json"),
      displayName: "missing/run.json",
      onError: () => {},
    });
    expect(() => trace.open()).toThrow(/^cannot write the trace missing\/run\.json: ENOENT/);
  });

  test("a failing append is reported once and appending stops", () => {
    const errors: ConfigError[] = [];
    let appends = 0;
    const trace = new TraceJournal({
      file: "run.json",
      onError: (error) => errors.push(error),
      openAppendFile: () => ({
        append() {
          if (++appends > 1) throw new Error("EIO: i/o error, write");
        },
        close() {},
      }),
    });
    trace.open();
    for (const [time, event] of TRACE_EVENTS) trace.add(event, time);
    expect(appends).toBe(2);
    expect(errors.map((error) => error.message)).toEqual([
      "cannot write the trace run.json: EIO: i/o error, write",
    ]);
  });
});
