import { describe, expect, test } from "vitest";
import { run } from "../../src/index.js";
import { scriptedModel, step, tempProject, text, toolCall } from "../../src/testing/index.js";
import { assertBalanced, collectRun, outline } from "../support/collect-run.js";

// A tool file as a user writes it, in a folder with no node_modules: `llm-do` and `zod`
// resolve to the running llm-do's own copies.
const TOOLS_TS = `
import { tool, toolset } from "llm-do";
import { z } from "zod";

interface Counter { calls: number }
const counter: Counter = { calls: 0 };

export const calc_tools = toolset({
  add: tool({
    description: "Add two numbers.",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => { counter.calls += 1; return a + b; },
  }),
  divide: tool({
    description: "Divide a by b.",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => { if (b === 0) throw new Error("division by zero"); return a / b; },
  }),
  analyze: tool({
    description: "Delegate to a worker.",
    inputSchema: z.object({ text: z.string() }),
    needsApproval: false,
    execute: async ({ text }, ctx) => ctx.call("analyzer", { input: text }),
  }),
  slow: tool({
    description: "Waits, then answers.",
    inputSchema: z.object({ ms: z.number(), label: z.string() }),
    execute: async ({ ms, label }) => { await new Promise((r) => setTimeout(r, ms)); return label; },
  }),
});

export const orchestration = toolset({
  main: tool({
    description: "Code entry: evaluates each item with a worker, then adds with a tool.",
    inputSchema: z.object({ input: z.string() }),
    execute: async ({ input }, ctx) => {
      const items = input.split(",");
      const results = [];
      for (const item of items) results.push(await ctx.call("analyzer", item));
      const sum = await ctx.call("add", { a: items.length, b: 100 });
      return { results, sum, depth: ctx.depth, path: ctx.callPath.join(" > ") };
    },
  }),
});
`;

const files = {
  "tools.ts": TOOLS_TS,
  "calc.worker": "---\nname: calc\nmodel: test:calc\ntoolsets:\n  calc_tools: {}\n---\nUse the tools.\n",
  "analyzer.worker": "---\nname: analyzer\nmodel: test:analyzer\n---\nAnalyze.\n",
};

describe("TypeScript tools", () => {
  test("the model calls a tool from a tool file; its result goes back to the model", async () => {
    await using project = await tempProject(files);
    const calc = scriptedModel([toolCall("add", { a: 2, b: 3 }), text("The sum is 5")]);
    const { events, result } = await collectRun({
      files: [project.path("calc.worker"), project.path("analyzer.worker"), project.path("tools.ts")],
      entry: "calc",
      input: "add 2 and 3",
      models: { "test:calc": calc },
      cwd: project.dir,
    });
    expect(result?.output).toBe("The sum is 5");
    const toolResult = JSON.stringify(calc.calls[1]!.prompt.at(-1));
    expect(toolResult).toContain('"value":5');
    assertBalanced(events);
    expect(outline(events).filter((line) => line.startsWith("call-"))).toEqual([
      'call-start calc (worker, depth 1, test:calc) {"input":"add 2 and 3"}',
      'call-start calc > add (tool, depth 1) {"a":2,"b":3}',
      "call-end calc > add ok 5",
      'call-end calc ok "The sum is 5"',
    ]);
  });

  test("a tool calls a worker through ctx.call, with the same call the model uses", async () => {
    await using project = await tempProject(files);
    const calc = scriptedModel([toolCall("analyze", { text: "numbers" }), text("done")]);
    const analyzer = scriptedModel([text("analysis of numbers")]);
    const { events, result } = await collectRun({
      files: ["calc.worker", "analyzer.worker", "tools.ts"].map(project.path),
      entry: "calc",
      input: "go",
      models: { "test:calc": calc, "test:analyzer": analyzer },
      cwd: project.dir,
    });
    expect(result?.output).toBe("done");
    expect(analyzer.calls[0]!.prompt.at(-1)).toEqual({
      role: "user",
      content: [{ type: "text", text: "numbers" }],
    });
    const starts = events
      .filter((event) => event.type === "call-start")
      .map((event) => `${event.path.join(" > ")} @${event.depth}`);
    expect(starts).toEqual(["calc @1", "calc > analyze @1", "calc > analyze > analyzer @2"]);
  });

  test("a code entry calls workers and tools by name; each worker call starts clean", async () => {
    await using project = await tempProject(files);
    const analyzer = scriptedModel([text("A done"), text("B done")]);
    const { result, events, error } = await collectRun({
      files: ["analyzer.worker", "tools.ts"].map(project.path),
      entry: "main",
      input: "A,B",
      models: { "test:analyzer": analyzer },
      cwd: project.dir,
    });
    expect(error).toBeUndefined();
    expect(result?.output).toEqual({ results: ["A done", "B done"], sum: 102, depth: 0, path: "main" });
    // The second call does not see the first call's conversation.
    expect(analyzer.calls[1]!.prompt).toEqual([
      { role: "system", content: "Analyze." },
      { role: "user", content: [{ type: "text", text: "B" }] },
    ]);
    expect(
      events.filter((event) => event.type === "call-start").map((event) => event.path.join(" > ")),
    ).toEqual(["main", "main > analyzer", "main > analyzer", "main > add"]);
  });

  test("a tool that throws becomes an error result the model reads, and the run goes on", async () => {
    await using project = await tempProject(files);
    const calc = scriptedModel([toolCall("divide", { a: 1, b: 0 }), text("cannot divide by zero")]);
    const { result, events } = await collectRun({
      files: ["calc.worker", "tools.ts"].map(project.path),
      entry: "calc",
      input: "1/0",
      models: { "test:calc": calc },
      cwd: project.dir,
    });
    expect(result?.output).toBe("cannot divide by zero");
    const toolMessage = calc.calls[1]!.prompt.at(-1);
    expect(toolMessage).toMatchObject({
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolName: "divide",
          output: {
            type: "json",
            value: {
              error: "divide failed: division by zero",
              tool_name: "divide",
              error_type: "tool_error",
            },
          },
        },
      ],
    });
    const end = events.find((event) => event.type === "call-end" && event.name === "divide");
    expect(end).toMatchObject({
      outcome: "error",
      error: { name: "ToolExecutionError", message: "divide failed: division by zero" },
    });
  });

  test("invalid arguments from the model go back to it as an error it can fix", async () => {
    await using project = await tempProject(files);
    const calc = scriptedModel([
      toolCall("add", { a: "two", b: 3 }),
      toolCall("add", { a: 2, b: 3 }),
      text("5"),
    ]);
    const { result } = await collectRun({
      files: ["calc.worker", "tools.ts"].map(project.path),
      entry: "calc",
      input: "x",
      models: { "test:calc": calc },
      cwd: project.dir,
    });
    expect(result?.output).toBe("5");
    expect(JSON.stringify(calc.calls[1]!.prompt.at(-1))).toMatch(/error/i);
  });

  test("parallel tool calls in one response run concurrently", async () => {
    await using project = await tempProject(files);
    const calc = scriptedModel([
      step(
        toolCall("slow", { ms: 300, label: "first" }),
        toolCall("slow", { ms: 300, label: "second" }),
        toolCall("slow", { ms: 300, label: "third" }),
      ),
      text("all three"),
    ]);
    const { result, events } = await collectRun({
      files: ["calc.worker", "tools.ts"].map(project.path),
      entry: "calc",
      input: "x",
      models: { "test:calc": calc },
      cwd: project.dir,
    });
    expect(result?.output).toBe("all three");
    // One after another, each call would end before the next starts; run concurrently, all
    // three start before the first ends.
    const order = events
      .filter((event) => event.type === "call-start" || event.type === "call-end")
      .map((event) => `${event.type}:${event.name}`);
    expect(order.slice(1, 4)).toEqual(["call-start:slow", "call-start:slow", "call-start:slow"]);
    const results = JSON.stringify(calc.calls[1]!.prompt.at(-1));
    for (const label of ["first", "second", "third"]) expect(results).toContain(label);
  });

  test("the entry can be run as a library call with ctx.call reaching tools across toolsets", async () => {
    await using project = await tempProject(files);
    const handle = run({
      files: [project.path("tools.ts")],
      entry: "add",
      input: { a: 40, b: 2 },
      cwd: project.dir,
    });
    expect((await handle.result).output).toBe(42);
  });
});

describe("a pre-approved call", () => {
  test("is not described: a tool's describe() runs only when someone is asked", async () => {
    await using project = await tempProject({
      "tools.ts": `
import { tool, toolset } from "llm-do";
import { z } from "zod";
export const quiet = toolset({
  ping: tool({
    description: "Answers pong.",
    inputSchema: z.object({}),
    describe: () => { throw new Error("describe() was called"); },
    execute: () => "pong",
  }),
  main: tool({
    description: "Calls ping.",
    inputSchema: z.object({ input: z.string() }),
    execute: (_input, ctx) => ctx.call("ping", {}),
  }),
});
`,
    });
    const handle = run({ files: [project.path("tools.ts")], entry: "main", input: "x", cwd: project.dir });
    expect((await handle.result).output).toBe("pong");
  });
});
