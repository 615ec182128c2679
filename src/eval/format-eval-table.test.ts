import { describe, expect, test } from "vitest";
import { emptyUsage } from "../runtime/usage.js";
import type { EvalReport, EvalRun } from "./eval-report.js";
import { formatEvalTable } from "./format-eval-table.js";
import { summarizeSide, totalsOf } from "./summarize-side.js";

const run = (
  output: unknown,
  pass: boolean,
  options: { ms?: number; tokens?: number; usd?: number; unpriced?: string[]; reason?: string } = {},
): EvalRun => ({
  outcome: { type: "ok", output },
  checks: [],
  pass,
  reason: pass ? "" : (options.reason ?? "failed"),
  durationMs: options.ms ?? 0,
  usage: { ...emptyUsage(), totalTokens: options.tokens ?? 0, requests: options.tokens ? 1 : 0 },
  cost: { usd: options.usd ?? 0, unpricedModels: options.unpriced ?? [] },
});

const report = (overrides: Partial<EvalReport>): EvalReport => ({
  target: { name: "summarize", kind: "worker" },
  repeat: 1,
  threshold: 1,
  cases: [],
  judges: totalsOf([]),
  pass: true,
  ...overrides,
});

describe("formatEvalTable", () => {
  test("one row per case, the reason last, and a summary", () => {
    const text = formatEvalTable(
      report({
        cases: [
          {
            name: "short",
            input: "x",
            target: summarizeSide([run("ok", true, { ms: 1200, tokens: 1500, usd: 0.0042 })], 1),
          },
          {
            name: "long input",
            input: "y",
            target: summarizeSide(
              [
                run("no", false, {
                  ms: 80,
                  tokens: 90,
                  unpriced: ["ollama:x"],
                  reason: 'contains "GO": "GO" not found in "no"',
                }),
              ],
              1,
            ),
          },
        ],
        pass: false,
      }),
    );
    expect(text).toBe(
      [
        "case        result  time  tokens  cost      why",
        "short       pass    1.2s   1,500  ~$0.0042",
        'long input  FAIL    80ms      90  ?         contains "GO": "GO" not found in "no"',
        "",
        "2 cases against summarize (worker): 1 passed, 1 failed · 1.3s · 1,590 tokens · ~$0.0042 + unknown cost for ollama:x",
        "",
      ].join("\n"),
    );
  });

  test("a baseline gets its own columns, and the rows say where the two differ", () => {
    const text = formatEvalTable(
      report({
        target: { name: "shout", kind: "tool" },
        baseline: { name: "shout", kind: "worker" },
        cases: [
          {
            name: "hello",
            input: "hello",
            target: summarizeSide([run("HELLO!", true, { ms: 2 })], 1),
            baseline: summarizeSide([run("HELLO!", true, { ms: 900, tokens: 40, usd: 0.0001 })], 1),
            differs: false,
          },
          {
            name: "bye",
            input: "bye",
            target: summarizeSide([run("BYE!", true, { ms: 1 })], 1),
            baseline: summarizeSide(
              [run("bye?", false, { ms: 700, tokens: 38, usd: 0.0001, reason: "equals: got bye?" })],
              1,
            ),
            differs: true,
          },
        ],
      }),
    );
    expect(text).toBe(
      [
        "case   shout (tool)  time  tokens  cost  baseline: shout (worker)   time  tokens  cost      outputs  why",
        "hello  pass           2ms       0  -     pass                      900ms      40  ~$0.0001  same",
        "bye    pass           1ms       0  -     FAIL                      700ms      38  ~$0.0001  differ   baseline: equals: got bye?",
        "",
        "2 cases against shout (tool): 2 passed · 3ms · 0 tokens",
        "baseline shout (worker): 1 passed, 1 failed · 1.6s · 78 tokens · ~$0.0002",
        "they differ on 1 of 2 cases:",
        '  bye: "BYE!" (tool) vs "bye?" (worker)',
        "",
      ].join("\n"),
    );
  });

  test("repeated cases show passes of runs, per-run means, and the threshold", () => {
    const text = formatEvalTable(
      report({
        repeat: 3,
        threshold: 0.6,
        cases: [
          {
            name: "flaky",
            input: "x",
            target: summarizeSide(
              [
                run("a", true, { ms: 100, tokens: 10 }),
                run("b", false, { ms: 200, tokens: 20, reason: "nope" }),
                run("a", true, { ms: 300, tokens: 30 }),
              ],
              0.6,
            ),
          },
        ],
        judges: totalsOf([run("j", true, { ms: 50, tokens: 70, usd: 0.002 })]),
      }),
    );
    expect(text).toBe(
      [
        "case   result     time  tokens  cost  why",
        "flaky  pass 2/3  200ms      20  -",
        "",
        "1 case against summarize (worker): 1 passed · 600ms · 60 tokens",
        "each case ran 3 times and needs 60% of its runs to pass; time, tokens and cost are per run",
        "judges: 50ms · 70 tokens · ~$0.0020",
        "",
      ].join("\n"),
    );
  });
});
