import { expect, test } from "vitest";
import { emptyUsage } from "../runtime/usage.js";
import type { TraceDocument, TraceNode } from "../trace/trace-document.js";
import { traceCalls } from "./trace-calls.js";

const node = (path: string[], fields: Partial<TraceNode> = {}): TraceNode => ({
  callId: path.join("-"),
  name: path.at(-1)!,
  kind: "worker",
  path,
  startMs: 0,
  durationMs: 1,
  outcome: "ok",
  input: { input: "x" },
  output: "y",
  usage: emptyUsage(),
  cost: { usd: 0, unpricedModels: [] },
  responses: [],
  approvals: [],
  notes: [],
  children: [],
  ...fields,
});

test("every call of a trace with its input and output; cut or failed calls say why", () => {
  const document = {
    calls: [
      node(["main"], {
        input: { input: "Evaluate the decks." },
        output: "Done.",
        children: [
          node(["main", "pitch_evaluator"], {
            input: { input: "Evaluate this deck.", attachments: ["input/a.pdf"] },
            output: "# A",
          }),
          node(["main", "list_files"], {
            kind: "tool",
            output: { truncated: true, chars: 9000, preview: "[" },
          }),
          node(["main", "pitch_evaluator"], { output: `${"x".repeat(2000)}... [truncated, 2400 chars]` }),
          node(["main", "write_file"], { kind: "tool", outcome: "denied", output: undefined }),
        ],
      }),
    ],
  } as unknown as TraceDocument;
  expect(
    traceCalls(document).map((call) =>
      call.type === "known" ? [call.key, call.input, call.output] : [call.key, call.why],
    ),
  ).toEqual([
    ["main", { input: "Evaluate the decks." }, "Done."],
    ["main > pitch_evaluator", { input: "Evaluate this deck.", attachments: ["input/a.pdf"] }, "# A"],
    ["main > list_files", "its output was cut in the trace (too long)"],
    ["main > pitch_evaluator", "its output was cut in the trace (too long)"],
    ["main > write_file", "it ended denied"],
  ]);
});
