/**
 * @module A small project for record/replay tests: an orchestrator that delegates to an analyzer
 * (which reads a file through a TypeScript tool) and then writes a note (a tool that needs
 * approval), and the fake Anthropic responses of one run of it.
 */
import type { RunEvent } from "../../src/index.js";
import { type FakeResponse, textResponse, toolUseResponse } from "../support/fake-anthropic-server.js";

export const TOOLS_TS = `
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const files = toolset({
  read_data: tool({
    description: "Read data.txt.",
    inputSchema: z.object({}),
    execute: async (_input, ctx) => readFile(path.join(ctx.cwd, "data.txt"), "utf8"),
  }),
  write_note: tool({
    description: "Write note.txt.",
    inputSchema: z.object({ text: z.string() }),
    needsApproval: true,
    execute: async ({ text }, ctx) => {
      await writeFile(path.join(ctx.cwd, "note.txt"), text);
      return "written";
    },
  }),
});
`;

export const MODEL = "anthropic:claude-haiku-4-5";

/** The project's files. */
export function projectFiles(
  analyzerInstructions = "Read the data and say what it holds.",
): Record<string, string> {
  return {
    "tools.ts": TOOLS_TS,
    "data.txt": "the answer is 42\n",
    "main.worker": `---\nname: main\nmodel: ${MODEL}\ntoolsets:\n  analyzer: {}\n  files: {}\n---\nDelegate, then write a note.\n`,
    "analyzer.worker": `---\nname: analyzer\ntoolsets:\n  files: {}\n---\n${analyzerInstructions}\n`,
  };
}

/** The files to load, in order. */
export const FILES = ["tools.ts", "main.worker", "analyzer.worker"];

/** The provider's answers, in request order. */
export const SCRIPT: FakeResponse[] = [
  toolUseResponse("analyzer", { input: "check data.txt" }, "Let me ask the analyzer."),
  toolUseResponse("read_data", {}),
  textResponse("The data says 42."),
  toolUseResponse("write_note", { text: "42" }),
  textResponse("Saved the note: 42."),
];

/**
 * Events without what differs between two runs of the same script: ids, times, durations, the
 * model named at call start (`replay:FILE` in a replay), how text is chunked into deltas, and
 * where the AI SDK interleaves a response's `model-response` with the text it streams. The
 * `text-end` events are compared on their own, in order.
 */
export function comparable(events: readonly RunEvent[]): { events: unknown[]; texts: unknown[] } {
  const normalized = normalize(events);
  return {
    events: normalized.filter((event) => event.type !== "text-end"),
    texts: normalized.filter((event) => event.type === "text-end"),
  };
}

function normalize(events: readonly RunEvent[]): Array<Record<string, unknown>> {
  const ids = new Map<string, string>();
  const id = (value: string) => {
    if (!ids.has(value)) ids.set(value, `id${ids.size + 1}`);
    return ids.get(value)!;
  };
  return events
    .filter((event) => event.type !== "text-delta" && event.type !== "reasoning-delta")
    .map((event) => {
      const copy: Record<string, unknown> = { ...event };
      for (const field of ["callId", "parentCallId", "runId"]) {
        if (typeof copy[field] === "string") copy[field] = id(copy[field] as string);
      }
      if ("toolCallId" in copy) copy.toolCallId = "tool-call-id";
      if ("durationMs" in copy) copy.durationMs = 0;
      if ("time" in copy) copy.time = "";
      if (event.type === "call-start") delete copy.model;
      return copy;
    });
}
