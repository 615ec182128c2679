import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ApprovalGate } from "../approvals/approval-gate.js";
import { type ApprovalPolicy, normalizePolicy } from "../approvals/approval-policy.js";
import { ApprovalSession } from "../approvals/approval-session.js";
import type { ApprovalRequest } from "../approvals/approval-types.js";
import { AbortError, ConfigError, errorMessage, ModelCallError } from "../errors.js";
import type { RunEvent, RunEventOf } from "../events/run-event.js";
import { Registry } from "../registry/registry.js";
import { tool, toolset } from "../tools/tool.js";
import { parseWorkerFile } from "../worker/parse-worker-file.js";
import { CallRunner, serializeError } from "./call-runner.js";
import type { Frame } from "./frame.js";
import { RunResolver } from "./run-resolver.js";
import { emptyUsage } from "./usage.js";

/** What a fake worker does in place of its model loop. */
type WorkerScript = (worker: {
  frame: Frame;
  input: unknown;
  /** A tool call the model makes, through `callFromModel` as the worker loop does. */
  toolCall(name: string, input: unknown): Promise<unknown>;
  /** A model response with this usage. */
  respond(inputTokens: number, outputTokens: number): void;
}) => Promise<unknown>;

/** Hooks the tools of the `kit` toolset call, set per test. */
const hooks: { started?: () => void } = {};
const ran: string[] = [];

const kit = toolset({
  calc: tool({
    description: "Adds.",
    inputSchema: z.object({ a: z.number(), b: z.number().default(0) }),
    execute: ({ a, b }) => a + b,
  }),
  dangerous: tool({
    description: "Asks first.",
    inputSchema: z.object({ n: z.number() }),
    needsApproval: true,
    execute: ({ n }) => {
      ran.push(`dangerous ${n}`);
      return `did ${n}`;
    },
  }),
  forbidden: tool({
    description: "Never runs.",
    inputSchema: z.object({}),
    needsApproval: { type: "blocked", reason: "never allowed" },
    execute: () => ran.push("forbidden"),
  }),
  described: tool({
    description: "Describes itself.",
    inputSchema: z.object({ path: z.string() }),
    needsApproval: "it writes",
    describe: ({ path }) => `Write ${path}`,
    execute: () => "written",
  }),
  boom: tool({
    description: "Throws.",
    inputSchema: z.object({}),
    execute: () => {
      throw new Error("boom");
    },
  }),
  provider_down: tool({
    description: "Fails like a provider.",
    inputSchema: z.object({}),
    execute: () => {
      throw new ModelCallError("provider down");
    },
  }),
  slow: tool({
    description: "Waits for the run to be cancelled.",
    inputSchema: z.object({}),
    execute: (_input, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener("abort", () => reject(new Error("stopped")));
        hooks.started?.();
      }),
  }),
  caller: tool({
    description: "Calls a name with ctx.call and reports what happened, catching any error.",
    inputSchema: z.object({ name: z.string(), input: z.unknown() }),
    execute: async ({ name, input }, ctx) => {
      try {
        return { ok: await ctx.call(name, input) };
      } catch (error) {
        return { caught: (error as Error).message, code: (error as { code?: string }).code };
      }
    },
  }),
});

const other = toolset({
  calc: tool({ description: "Another calc.", inputSchema: z.object({}), execute: () => 0 }),
});

const workerFiles = {
  main: "---\nname: main\nmodel: test:main\ntoolsets:\n  kit:\n    _approval_config:\n      described: { pre_approved: true }\n  a: {}\n  picky: {}\n---\nMain.\n",
  a: "---\nname: a\ntoolsets:\n  kit: {}\n  b: {}\n---\nA.\n",
  b: "---\nname: b\ntoolsets:\n  kit: {}\n---\nB.\n",
  picky: "---\nname: picky\ncompatible_models: ['openai:*']\n---\nPicky.\n",
  guarded: "---\nname: guarded\nattachment_approval: true\n---\nGuarded.\n",
};

interface HarnessOptions {
  scripts?: Record<string, WorkerScript>;
  approval?: ApprovalPolicy;
  maxDepth?: number;
  /** Adds a toolset that shares a tool name with `kit`. */
  ambiguous?: boolean;
  /** `--model`. */
  model?: string;
}

function harness(options: HarnessOptions = {}) {
  ran.length = 0;
  delete hooks.started;
  const workers = Object.entries(workerFiles).map(([name, text]) => parseWorkerFile(text, `${name}.worker`));
  const registry = new Registry({
    workers,
    toolsets: [
      { name: "kit", file: "kit.ts", toolset: kit },
      ...(options.ambiguous ? [{ name: "other", file: "other.ts", toolset: other }] : []),
    ],
    builtins: {},
    otherExports: [],
  });
  const resolver = new RunResolver({
    project: { registry, modules: new Map() },
    cwd: "/project",
    projectDir: "/project",
    env: {},
    ...(options.model ? { model: options.model } : {}),
    modelOptions: { env: {} },
    created: [],
  });
  const events: RunEvent[] = [];
  const emit = (event: RunEvent) => events.push(event);
  const asked: ApprovalRequest[] = [];
  const controller = new AbortController();
  const failures: unknown[] = [];
  let clock = 1000;
  let counter = 0;
  const scripts = options.scripts ?? {};
  const runner: CallRunner = new CallRunner({
    registry,
    gate: new ApprovalGate({
      policy: normalizePolicy(
        options.approval ?? {
          prompt: (request) => {
            asked.push(request);
            return { type: "approved" };
          },
        },
      ),
      session: new ApprovalSession(),
      emit,
    }),
    emit,
    cwd: "/project",
    maxDepth: options.maxDepth ?? 5,
    nextId: () => `c${++counter}`,
    globalBinding: (name) => resolver.binding(name),
    selectWorkerModel: (worker, caller, isEntry) => resolver.selectModel(worker, caller, isEntry),
    executeWorker: async (callFrame, worker, input) => {
      const bindings = await resolver.tools(worker);
      const frame = { ...callFrame, bindings };
      const script = scripts[worker.name];
      if (!script) throw new Error(`no script for worker '${worker.name}'`);
      let toolCalls = 0;
      const output = await script({
        frame,
        input,
        // The AI SDK hands a rejected tool execution to the model as an error text and goes on.
        toolCall: (name, toolInput) =>
          runner
            .callFromModel(frame, bindings.get(name)!, toolInput, `${worker.name}-tc${++toolCalls}`)
            .catch((error: unknown) => ({ rejected: errorMessage(error) })),
        respond: (inputTokens, outputTokens) => {
          frame.usage.inputTokens += inputTokens;
          frame.usage.outputTokens += outputTokens;
          frame.usage.totalTokens += inputTokens + outputTokens;
          frame.usage.requests += 1;
        },
      });
      // As the worker loop does: the error that ended the run wins, then an abort.
      if (failures.length > 0) throw failures[0];
      if (frame.signal.aborted) throw new AbortError();
      return output;
    },
    fail: (error) => {
      // The same error is reported again by every call it passes on its way up.
      if (failures.includes(error)) return;
      failures.push(error);
      controller.abort(error);
    },
    fatalError: () => failures[0],
    now: () => (clock += 5),
  });
  const root: Frame = {
    callId: "run",
    name: "(run)",
    kind: "run",
    path: [],
    depth: 0,
    usage: emptyUsage(),
    signal: controller.signal,
  };
  /** Invokes an entry the way `run()` does: trusted, from the root frame. */
  const entry = (name: string, input: unknown) =>
    runner.invoke(root, resolver.entry(name), input, { trusted: true });
  return { runner, root, events, asked, failures, controller, entry, resolver };
}

const ofType = <Type extends RunEvent["type"]>(events: RunEvent[], type: Type) =>
  events.filter((event): event is RunEventOf<Type> => event.type === type);

/** Every call-start has exactly one call-end with its id, and no call-end comes without a start. */
function expectBalanced(events: RunEvent[]): void {
  const starts = ofType(events, "call-start").map((event) => event.callId);
  const ends = ofType(events, "call-end").map((event) => event.callId);
  expect(new Set(starts).size).toBe(starts.length);
  expect([...ends].sort()).toEqual([...starts].sort());
}

const endOf = (events: RunEvent[], name: string) =>
  ofType(events, "call-end").find((event) => event.name === name);

describe("CallRunner: events and inputs", () => {
  test("a model's tool call: call-start and call-end with path, depth, parent, toolCallId and model", async () => {
    const { entry, events } = harness({
      scripts: { main: async ({ toolCall }) => toolCall("calc", { a: 2, b: 3 }) },
    });
    expect(await entry("main", "go")).toBe(5);
    expect(events).toEqual([
      {
        type: "call-start",
        callId: "c1",
        name: "main",
        kind: "worker",
        path: ["main"],
        depth: 1,
        input: { input: "go" },
        model: "test:main",
      },
      {
        type: "call-start",
        callId: "c2",
        parentCallId: "c1",
        name: "calc",
        kind: "tool",
        path: ["main", "calc"],
        depth: 1,
        input: { a: 2, b: 3 },
        toolCallId: "main-tc1",
      },
      {
        type: "call-end",
        callId: "c2",
        name: "calc",
        kind: "tool",
        path: ["main", "calc"],
        outcome: "ok",
        output: 5,
        usage: emptyUsage(),
        durationMs: 5,
      },
      {
        type: "call-end",
        callId: "c1",
        name: "main",
        kind: "worker",
        path: ["main"],
        outcome: "ok",
        output: 5,
        usage: emptyUsage(),
        durationMs: 15,
      },
    ]);
  });

  test("a string input becomes { input }, and no input becomes {}", async () => {
    const { entry, runner, root } = harness({
      model: "test:flag",
      scripts: { a: async ({ input }) => input },
    });
    expect(await entry("a", "hello")).toEqual({ input: "hello" });
    await expect(runner.callByName(root, "a", undefined)).rejects.toThrow(/^Invalid input for a: /);
  });

  test("ctx.call input is validated against the callee's schema, defaults applied, before the gate", async () => {
    const { entry, events, asked } = harness();
    expect(await entry("caller", { name: "calc", input: { a: 1 } })).toEqual({ ok: 1 });
    const invalid = await entry("caller", { name: "dangerous", input: { n: "seven" } });
    expect(invalid).toMatchObject({ code: "INPUT_INVALID" });
    expect((invalid as { caught: string }).caught).toMatch(/^Invalid input for dangerous: /);
    expect(asked).toEqual([]);
    expect(ran).toEqual([]);
    expect(endOf(events, "dangerous")).toMatchObject({ outcome: "error", error: { code: "INPUT_INVALID" } });
    expectBalanced(events);
  });

  test("a model's tool call is not validated again (the AI SDK did it)", async () => {
    const { entry } = harness({
      scripts: { main: async ({ toolCall }) => toolCall("calc", { a: 1, b: 1 }) },
    });
    expect(await entry("main", "go")).toBe(2);
  });

  test("a name resolves in the caller's bindings first, then among all workers and exported tools", async () => {
    const { entry, runner, root } = harness({ model: "test:flag", scripts: { b: async () => "b done" } });
    // `b` is not in main's toolsets, but code may call any worker by name.
    expect(await entry("caller", { name: "b", input: "x" })).toEqual({ ok: "b done" });
    await expect(runner.callByName(root, "constructor", {})).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("Tool or worker 'constructor' not found"),
    });
  });
});

describe("CallRunner: the approval gate, for model calls and ctx.call alike", () => {
  test("a model call and a ctx.call to the same tool are both asked, with call path and depth", async () => {
    const { entry, asked, events } = harness({
      scripts: {
        main: async ({ toolCall }) => {
          await toolCall("dangerous", { n: 1 });
          return toolCall("caller", { name: "dangerous", input: { n: 2 } });
        },
      },
    });
    expect(await entry("main", "go")).toEqual({ ok: "did 2" });
    expect(asked).toEqual([
      {
        toolName: "dangerous",
        input: { n: 1 },
        description: 'dangerous({"n":1})',
        callPath: ["main", "dangerous"],
        depth: 1,
      },
      {
        toolName: "dangerous",
        input: { n: 2 },
        description: 'dangerous({"n":2})',
        callPath: ["main", "caller", "dangerous"],
        depth: 1,
      },
    ]);
    expect(ran).toEqual(["dangerous 1", "dangerous 2"]);
    expectBalanced(events);
  });

  test("ctx.call from a tool uses the calling worker's _approval_config", async () => {
    const { entry, asked } = harness({
      model: "test:flag",
      scripts: {
        main: ({ toolCall }) => toolCall("caller", { name: "described", input: { path: "x" } }),
        a: ({ toolCall }) => toolCall("caller", { name: "described", input: { path: "y" } }),
      },
    });
    expect(await entry("main", "go")).toEqual({ ok: "written" });
    expect(asked).toEqual([]);
    // `a` uses the same toolset without main's override, so it is asked; its own describe() is used.
    expect(await entry("a", "go")).toEqual({ ok: "written" });
    expect(asked).toMatchObject([
      { toolName: "described", description: "Write y", reason: "it writes", depth: 1 },
    ]);
  });

  test("delegating to a worker is pre-approved; the entry itself is never asked", async () => {
    // Under the 'fail' policy any question would end the run.
    const { entry, failures } = harness({
      approval: "fail",
      scripts: { main: ({ toolCall }) => toolCall("a", { input: "x" }), a: async () => "a done" },
    });
    expect(await entry("main", "go")).toBe("a done");
    // The user invoked the entry, so a tool that asks runs as an entry without asking.
    expect(await entry("dangerous", { n: 1 })).toBe("did 1");
    expect(failures).toEqual([]);
  });

  test("attachments passed to a worker with attachment_approval are asked about; a call without them is not", async () => {
    const { entry, asked } = harness({
      scripts: {
        main: async ({ toolCall }) => [
          await toolCall("caller", { name: "guarded", input: { input: "plain" } }),
          await toolCall("caller", {
            name: "guarded",
            input: { input: "Read this.", attachments: ["deck.pdf"] },
          }),
        ],
        guarded: async ({ input }) => `got ${JSON.stringify(input)}`,
      },
    });
    expect(await entry("main", "go")).toEqual([
      { ok: 'got {"input":"plain"}' },
      { ok: 'got {"input":"Read this.","attachments":["deck.pdf"]}' },
    ]);
    expect(asked).toEqual([
      {
        toolName: "guarded",
        input: { input: "Read this.", attachments: ["deck.pdf"] },
        description: "Call worker guarded: Read this. (attachments: deck.pdf)",
        reason: "sends 1 attachment to worker 'guarded': deck.pdf",
        callPath: ["main", "caller", "guarded"],
        depth: 1,
      },
    ]);
  });

  test("a denied attachment approval: the worker does not run", async () => {
    const { entry } = harness({
      approval: "reject_all",
      scripts: {
        main: ({ toolCall }) =>
          toolCall("caller", { name: "guarded", input: { input: "x", attachments: ["secret.txt"] } }),
        guarded: async () => {
          throw new Error("must not run");
        },
      },
    });
    expect(await entry("main", "go")).toEqual({
      caught: "Approval denied for guarded: --reject-all",
      code: "APPROVAL_DENIED",
    });
  });

  test("a denial reaches the model as a permission result; the outcome is denied", async () => {
    const { entry, events, failures } = harness({
      approval: "reject_all",
      scripts: { main: ({ toolCall }) => toolCall("dangerous", { n: 1 }) },
    });
    expect(await entry("main", "go")).toEqual({
      error: "Approval denied for dangerous: --reject-all",
      tool_name: "dangerous",
      error_type: "permission",
    });
    expect(ran).toEqual([]);
    expect(failures).toEqual([]);
    expect(endOf(events, "dangerous")).toMatchObject({
      outcome: "denied",
      error: { code: "APPROVAL_DENIED" },
    });
  });

  test("a blocked call reaches the model too; the outcome is blocked", async () => {
    const { entry, events } = harness({
      approval: "approve_all",
      scripts: { main: ({ toolCall }) => toolCall("forbidden", {}) },
    });
    expect(await entry("main", "go")).toMatchObject({
      error: "Blocked forbidden: never allowed",
      error_type: "permission",
    });
    expect(ran).toEqual([]);
    expect(endOf(events, "forbidden")?.outcome).toBe("blocked");
  });
});

describe("CallRunner: recoverable and fatal errors", () => {
  test("a tool that throws becomes a tool result the model reads; the run goes on", async () => {
    const { entry, events, failures } = harness({
      scripts: {
        main: async ({ toolCall }) => ({
          first: await toolCall("boom", {}),
          next: await toolCall("calc", { a: 1, b: 2 }),
        }),
      },
    });
    expect(await entry("main", "go")).toEqual({
      first: { error: "boom failed: boom", tool_name: "boom", error_type: "tool_error" },
      next: 3,
    });
    expect(failures).toEqual([]);
    expect(endOf(events, "boom")).toMatchObject({
      outcome: "error",
      error: { name: "ToolExecutionError", code: "TOOL_EXECUTION", message: "boom failed: boom" },
    });
    expectBalanced(events);
  });

  test("code that calls a failing tool gets ToolExecutionError, with the cause", async () => {
    const { runner, root } = harness();
    const error = await runner.callByName(root, "boom", {}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "TOOL_EXECUTION", toolName: "boom", cause: new Error("boom") });
  });

  test("a fatal error from a tool is not a tool result: callFromModel rejects and the run ends", async () => {
    let seen: unknown;
    const { entry, failures, events } = harness({
      scripts: { main: async ({ toolCall }) => (seen = await toolCall("provider_down", {})) },
    });
    await expect(entry("main", "go")).rejects.toThrow("provider down");
    expect(seen).toEqual({ rejected: "provider down" });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(ModelCallError);
    expect(endOf(events, "provider_down")?.outcome).toBe("error");
    expectBalanced(events);
  });

  test("a fatal error ends the run even when code catches it", async () => {
    const { entry, failures } = harness({ approval: "fail" });
    // The tool catches the denial and returns normally, but a headless run cannot approve.
    expect(await entry("caller", { name: "dangerous", input: { n: 1 } })).toEqual({
      caught: "Approval denied for dangerous: use --approve-all to allow it in headless mode",
      code: "APPROVAL_DENIED",
    });
    expect(failures).toMatchObject([{ code: "APPROVAL_DENIED", failsRun: true }]);
    expect(ran).toEqual([]);
  });

  test("a recoverable error caught by code does not end the run", async () => {
    const { entry, failures } = harness({ approval: "reject_all" });
    expect(await entry("caller", { name: "dangerous", input: { n: 1 } })).toMatchObject({
      code: "APPROVAL_DENIED",
    });
    expect(await entry("caller", { name: "boom", input: {} })).toMatchObject({ code: "TOOL_EXECUTION" });
    expect(await entry("caller", { name: "nope", input: {} })).toMatchObject({ code: "NOT_FOUND" });
    expect(failures).toEqual([]);
  });

  test("an unknown name rejects: ctx.call never throws synchronously", async () => {
    const { runner, root } = harness();
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = runner.callByName(root, "nope", {});
    }).not.toThrow();
    await expect(promise).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("an ambiguous name from code is a configuration error that ends the run, even when caught", async () => {
    const { entry, failures } = harness({ ambiguous: true });
    expect(await entry("caller", { name: "calc", input: {} })).toEqual({
      caught: "Ambiguous tool name 'calc': it is in toolsets 'kit' (kit.ts) and 'other' (other.ts)",
      code: "CONFIG_INVALID",
    });
    expect(failures).toMatchObject([{ code: "CONFIG_INVALID" }]);
  });

  test("a worker whose model does not fit compatible_models ends the run, also when the model calls it", async () => {
    const { entry, failures } = harness({
      scripts: { main: ({ toolCall }) => toolCall("picky", { input: "x" }) },
    });
    await expect(entry("main", "go")).rejects.toThrow(
      "Model 'test:main' is not compatible with worker 'picky' (compatible_models: 'openai:*')",
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(ConfigError);
  });

  test("a worker with no model at all ends the run when code calls it, even when the code catches it", async () => {
    const { entry, failures } = harness({ scripts: { a: async () => "never" } });
    expect(await entry("caller", { name: "a", input: "x" })).toEqual({
      caught:
        "No model configured for worker 'a': set 'model' in its front matter, pass --model, or set LLM_DO_MODEL",
      code: "CONFIG_INVALID",
    });
    expect(failures).toMatchObject([{ code: "CONFIG_INVALID" }]);
  });
});

describe("CallRunner: depth limit", () => {
  const chain = {
    main: ({ toolCall }: Parameters<WorkerScript>[0]) => toolCall("a", { input: "x" }),
    a: ({ toolCall }: Parameters<WorkerScript>[0]) => toolCall("b", { input: "y" }),
    b: async () => "b done",
  };

  test("calling a worker past the limit ends the run, naming the call path", async () => {
    const { entry, events, failures } = harness({ maxDepth: 2, scripts: chain });
    await expect(entry("main", "go")).rejects.toThrow(
      "Depth limit of 2 exceeded calling worker 'b' (call path: main > a > b); raise it with --max-depth",
    );
    expect(failures).toMatchObject([{ code: "DEPTH_LIMIT" }]);
    expect(ofType(events, "call-start").map((event) => `${event.name}@${event.depth}`)).toEqual([
      "main@1",
      "a@2",
      "b@3",
    ]);
    expect(endOf(events, "b")).toMatchObject({ outcome: "error", error: { code: "DEPTH_LIMIT" } });
    expectBalanced(events);
  });

  test("the limit itself is allowed, and tools do not add depth", async () => {
    const { entry } = harness({
      maxDepth: 3,
      scripts: { ...chain, b: ({ toolCall }) => toolCall("calc", { a: 3, b: 0 }) },
    });
    expect(await entry("main", "go")).toBe(3);
  });
});

describe("CallRunner: cancellation", () => {
  test("an abort during a tool ends the call as aborted, once, and does not count as a failure", async () => {
    const { entry, events, failures, controller } = harness({
      scripts: { main: ({ toolCall }) => toolCall("slow", {}) },
    });
    hooks.started = () => controller.abort();
    await expect(entry("main", "go")).rejects.toMatchObject({ code: "ABORTED" });
    expect(failures).toEqual([]);
    expect(ofType(events, "call-end").map((event) => `${event.name} ${event.outcome}`)).toEqual([
      "slow aborted",
      "main aborted",
    ]);
    expectBalanced(events);
  });

  test("an abort while waiting for approval ends the call as aborted; the tool never runs", async () => {
    let abort = () => {};
    const { entry, events, controller } = harness({
      approval: { prompt: () => new Promise(() => abort()) },
      scripts: { main: ({ toolCall }) => toolCall("dangerous", { n: 1 }) },
    });
    abort = () => controller.abort();
    await expect(entry("main", "go")).rejects.toMatchObject({ code: "ABORTED" });
    expect(ran).toEqual([]);
    expect(endOf(events, "dangerous")?.outcome).toBe("aborted");
    expectBalanced(events);
  });
});

describe("CallRunner: usage", () => {
  test("rolls up the call tree: each call-end carries its subtree, the root gets the total", async () => {
    const { entry, events, root } = harness({
      scripts: {
        main: async ({ toolCall, respond }) => {
          respond(100, 10);
          await toolCall("a", { input: "x" });
          // ctx.call from a tool: the nested worker's usage goes to the tool, then to main.
          await toolCall("caller", { name: "b", input: "y" });
          respond(50, 5);
          return "done";
        },
        a: async ({ toolCall, respond }) => {
          respond(20, 2);
          await toolCall("b", { input: "z" });
          return "a done";
        },
        b: async ({ respond }) => {
          respond(3, 1);
          return "b done";
        },
      },
    });
    await entry("main", "go");
    const usageOf = (path: string) =>
      ofType(events, "call-end").find((event) => event.path.join(" > ") === path)?.usage;
    expect(usageOf("main > a > b")).toEqual({
      inputTokens: 3,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 1,
      totalTokens: 4,
      requests: 1,
    });
    expect(usageOf("main > a")).toEqual({
      inputTokens: 23,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 3,
      totalTokens: 26,
      requests: 2,
    });
    expect(usageOf("main > caller")).toEqual({
      inputTokens: 3,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 1,
      totalTokens: 4,
      requests: 1,
    });
    expect(usageOf("main")).toEqual({
      inputTokens: 176,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 19,
      totalTokens: 195,
      requests: 5,
    });
    expect(root.usage).toEqual(usageOf("main"));
  });

  test("usage of a call that fails is still counted", async () => {
    const { entry, root } = harness({
      scripts: {
        main: ({ toolCall }) => toolCall("caller", { name: "a", input: "x" }),
        a: async ({ respond }) => {
          respond(7, 3);
          throw new Error("gave up");
        },
      },
    });
    expect(await entry("main", "go")).toEqual({ caught: "a failed: gave up", code: "TOOL_EXECUTION" });
    expect(root.usage).toEqual({
      inputTokens: 7,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 3,
      totalTokens: 10,
      requests: 1,
    });
  });
});

describe("serializeError", () => {
  test("keeps the class name, the llm-do code and the message; anything else becomes an Error", () => {
    expect(serializeError(new ConfigError("bad"))).toEqual({
      name: "ConfigError",
      code: "CONFIG_INVALID",
      message: "bad",
    });
    expect(serializeError(new TypeError("oops"))).toEqual({ name: "TypeError", message: "oops" });
    expect(serializeError("a string")).toEqual({ name: "Error", message: "a string" });
  });
});
