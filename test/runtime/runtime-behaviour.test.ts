import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { scriptedModel, step, tempProject, text, toolCall } from "../../src/testing/index.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";
import { toolResultOf } from "../support/tool-result-of.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("depth limit", () => {
  const recursive = "---\nname: main\nmodel: test:main\ntoolsets:\n  main: {}\n---\nRecurse.\n";

  test("a worker calling itself stops at the limit with an error naming the call path", async () => {
    await using project = await tempProject({ "main.worker": recursive });
    const model = scriptedModel(Array.from({ length: 3 }, () => toolCall("main", { input: "again" })));
    const { error, events } = await collectRun({
      files: [project.path("main.worker")],
      input: "go",
      models: { "test:main": model },
      cwd: project.dir,
      maxDepth: 3,
    });
    expect(error?.code).toBe("DEPTH_LIMIT");
    expect(error?.message).toBe(
      "Depth limit of 3 exceeded calling worker 'main' (call path: main > main > main > main); raise it with --max-depth",
    );
    assertBalanced(events);
    const depths = events.filter((event) => event.type === "call-start").map((event) => event.depth);
    expect(depths).toEqual([1, 2, 3, 4]);
  });

  test("the default limit is 5", async () => {
    await using project = await tempProject({ "main.worker": recursive });
    const model = scriptedModel(Array.from({ length: 5 }, () => toolCall("main", { input: "again" })));
    const { error } = await collectRun({
      files: [project.path("main.worker")],
      input: "go",
      models: { "test:main": model },
      cwd: project.dir,
    });
    expect(error?.message).toContain("Depth limit of 5 exceeded");
  });
});

describe("model resolution", () => {
  const files = {
    "main.worker":
      "---\nname: main\nmodel: test:front-matter\ntoolsets:\n  child: {}\n  pinned: {}\n---\nMain.\n",
    "bare.worker": "---\nname: bare\ntoolsets:\n  child: {}\n---\nNo model.\n",
    "child.worker": "---\nname: child\n---\nInherits.\n",
    "pinned.worker": "---\nname: pinned\nmodel: test:pinned\n---\nOwn model.\n",
    "picky.worker": "---\nname: picky\ncompatible_models: ['test:good-*']\n---\nPicky.\n",
  };
  const all = ["main.worker", "bare.worker", "child.worker", "pinned.worker", "picky.worker"];
  const models = () => ({
    // `child` inherits its caller's model object, so its answer is part of the caller's script.
    "test:front-matter": scriptedModel([
      toolCall("child", { input: "a" }),
      text("child done"),
      toolCall("pinned", { input: "b" }),
      text("main done"),
    ]),
    "test:flag": scriptedModel([
      toolCall("child", { input: "a" }),
      text("child done"),
      toolCall("pinned", { input: "b" }),
      text("main done"),
    ]),
    "test:env": scriptedModel([toolCall("child", { input: "a" }), text("child done"), text("bare done")]),
    "test:pinned": scriptedModel([text("pinned done")]),
    "test:good-1": scriptedModel([text("picky done")]),
    "test:bad-1": scriptedModel([text("never")]),
  });
  const modelOf = (events: Awaited<ReturnType<typeof collectRun>>["events"]) =>
    events.flatMap((event) =>
      event.type === "call-start" && event.kind === "worker" ? [`${event.name}=${event.model}`] : [],
    );

  test("front matter beats LLM_DO_MODEL; nested workers inherit the caller's model unless they pin one", async () => {
    await using project = await tempProject(files);
    const { events, error } = await collectRun({
      files: all.map(project.path),
      input: "x",
      models: models(),
      env: { LLM_DO_MODEL: "test:env" },
      cwd: project.dir,
    });
    expect(error).toBeUndefined();
    expect(modelOf(events)).toEqual([
      "main=test:front-matter",
      "child=test:front-matter",
      "pinned=test:pinned",
    ]);
  });

  test("--model beats front matter for the entry, and is inherited, but not by pinned workers", async () => {
    await using project = await tempProject(files);
    const { events } = await collectRun({
      files: all.map(project.path),
      input: "x",
      model: "test:flag",
      models: models(),
      env: { LLM_DO_MODEL: "test:env" },
      cwd: project.dir,
    });
    expect(modelOf(events)).toEqual(["main=test:flag", "child=test:flag", "pinned=test:pinned"]);
  });

  test("LLM_DO_MODEL is used when neither the flag nor the front matter sets one", async () => {
    await using project = await tempProject(files);
    const { events } = await collectRun({
      files: all.map(project.path),
      entry: "bare",
      input: "x",
      models: models(),
      env: { LLM_DO_MODEL: "test:env" },
      cwd: project.dir,
    });
    expect(modelOf(events)).toEqual(["bare=test:env", "child=test:env"]);
  });

  test("no model anywhere is a clear error before any call", async () => {
    await using project = await tempProject(files);
    const { error } = await collectRun({
      files: all.map(project.path),
      entry: "bare",
      input: "x",
      models: models(),
      env: {},
      cwd: project.dir,
    });
    expect(error?.message).toBe(
      "No model configured for worker 'bare': set 'model' in its front matter, pass --model, or set LLM_DO_MODEL",
    );
  });

  test("compatible_models accepts a matching model and refuses another", async () => {
    await using project = await tempProject(files);
    const good = await collectRun({
      files: all.map(project.path),
      entry: "picky",
      input: "x",
      model: "test:GOOD-1",
      models: { ...models(), "test:GOOD-1": scriptedModel([text("picky done")]) },
      cwd: project.dir,
    });
    expect(good.result?.output).toBe("picky done");
    const bad = await collectRun({
      files: all.map(project.path),
      entry: "picky",
      input: "x",
      model: "test:bad-1",
      models: models(),
      cwd: project.dir,
    });
    expect(bad.error?.message).toBe(
      "Model 'test:bad-1' is not compatible with worker 'picky' (compatible_models: 'test:good-*')",
    );
  });

  test("a nested worker whose inherited model does not fit compatible_models ends the run", async () => {
    // The model used to read the error as a tool result and carry on; a misconfigured run must stop.
    await using project = await tempProject({
      ...files,
      "caller.worker": "---\nname: caller\nmodel: test:bad-1\ntoolsets:\n  picky: {}\n---\nCalls picky.\n",
    });
    const { error, events } = await collectRun({
      files: [...all, "caller.worker"].map(project.path),
      entry: "caller",
      input: "x",
      models: {
        ...models(),
        "test:bad-1": scriptedModel([toolCall("picky", { input: "x" }), text("carried on")]),
      },
      cwd: project.dir,
    });
    expect(error?.message).toBe(
      "Model 'test:bad-1' is not compatible with worker 'picky' (compatible_models: 'test:good-*')",
    );
    assertBalanced(events);
  });

  test("an unknown provider or a missing key fails before the run, naming what to set", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: anthropic:claude-haiku-4-5\n---\nHi.\n",
    });
    const missingKey = await collectRun({
      files: [project.path("main.worker")],
      input: "x",
      env: {},
      cwd: project.dir,
    });
    expect(missingKey.error?.message).toMatch(/^Anthropic models need an API key: set ANTHROPIC_API_KEY/);
    const unknown = await collectRun({
      files: [project.path("main.worker")],
      input: "x",
      model: "acme:large",
      env: {},
      cwd: project.dir,
    });
    expect(unknown.error?.message).toMatch(
      /^unknown model provider 'acme' in 'acme:large' \(available: anthropic, openai/,
    );
  });

  test("builtin:echo runs a worker with no network and no key", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: builtin:echo\n---\nEcho.\n",
    });
    const { result } = await collectRun({
      files: [project.path("main.worker")],
      input: "hello there",
      env: {},
      cwd: project.dir,
    });
    expect(result?.output).toBe("Echo: hello there");
  });
});

describe("attachments", () => {
  const files = {
    "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  reader: {}\n---\nMain.\n",
    "reader.worker": "---\nname: reader\nmodel: test:reader\n---\nRead the attachment.\n",
    "input/deck.pdf": "%PDF-1.4\n%fake but well-formed enough\n",
    "input/photo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  };

  test("attachment paths become file parts with the right media types", async () => {
    await using project = await tempProject(files);
    const reader = scriptedModel([text("read both")]);
    const main = scriptedModel([
      toolCall("reader", { input: "Evaluate.", attachments: ["input/deck.pdf", "input/photo.png"] }),
      text("ok"),
    ]);
    const { result } = await collectRun({
      files: ["main.worker", "reader.worker"].map(project.path),
      input: "x",
      models: { "test:main": main, "test:reader": reader },
      cwd: project.dir,
    });
    expect(result?.output).toBe("ok");
    const message = reader.calls[0]!.prompt.at(-1) as {
      content: Array<{ type: string; mediaType?: string; text?: string; filename?: string }>;
    };
    expect(message.content.map((part) => [part.type, part.mediaType ?? part.text, part.filename])).toEqual([
      ["text", "Evaluate.", undefined],
      ["file", "application/pdf", "deck.pdf"],
      ["file", "image/png", "photo.png"],
    ]);
  });

  test("a missing attachment is an error the calling model reads", async () => {
    await using project = await tempProject(files);
    const main = scriptedModel([
      toolCall("reader", { input: "Evaluate.", attachments: ["input/missing.pdf"] }),
      text("it was missing"),
    ]);
    const { result } = await collectRun({
      files: ["main.worker", "reader.worker"].map(project.path),
      input: "x",
      models: { "test:main": main, "test:reader": scriptedModel([]) },
      cwd: project.dir,
    });
    expect(result?.output).toBe("it was missing");
    const value = toolResultOf(main, 1) as { error: string };
    expect(value.error).toBe(
      `Attachment not found: input/missing.pdf (resolved to ${project.path("input/missing.pdf")})`,
    );
  });
});

describe("schemas", () => {
  test("schema_in shapes the worker's tool input and validates it; schema_out makes the result structured", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  scorer: {}\n---\nMain.\n",
      "scorer.worker":
        "---\nname: scorer\nmodel: test:scorer\nschema_in: ./schemas.ts#ScoreInput\nschema_out:\n  type: object\n  properties:\n    score: { type: integer }\n    verdict: { type: string, enum: [GO, PASS] }\n  required: [score, verdict]\n---\nScore the company.\n",
      "schemas.ts":
        'import { z } from "zod";\nexport const ScoreInput = z.object({ company: z.string(), year: z.number().int() });\n',
    });
    const scorer = scriptedModel([text('{"score": 4, "verdict": "GO"}')]);
    const main = scriptedModel([
      toolCall("scorer", { company: "Acme" }),
      toolCall("scorer", { company: "Acme", year: 2024 }),
      text("scored"),
    ]);
    const { result, events } = await collectRun({
      files: ["main.worker", "scorer.worker"].map(project.path),
      input: "x",
      models: { "test:main": main, "test:scorer": scorer },
      cwd: project.dir,
    });
    expect(result?.output).toBe("scored");
    const scorerTool = main.calls[0]!.tools?.find((tool) => tool.name === "scorer") as {
      inputSchema: { properties: object };
    };
    expect(Object.keys(scorerTool.inputSchema.properties)).toEqual(["company", "year"]);
    // The first call lacked `year`: the model was told and tried again.
    expect(JSON.stringify(main.calls[1]!.prompt.at(-1))).toMatch(/year/);
    expect(scorer.calls).toHaveLength(1);
    expect(JSON.stringify(scorer.calls[0]!.prompt.at(-1))).toContain('\\"company\\": \\"Acme\\"');
    const end = events.find(
      (event) => event.type === "call-end" && event.name === "scorer" && event.outcome === "ok",
    );
    expect(end).toMatchObject({ output: { score: 4, verdict: "GO" } });
  });
});

describe.each([
  {
    form: "a zod schema",
    schemaIn: "./schemas.ts#ScoreInput",
    schemaOut: "./schemas.ts#Score",
  },
  {
    form: "inline JSON Schema",
    schemaIn:
      "\n  type: object\n  properties:\n    company: { type: string }\n    year: { type: integer }\n  required: [company, year]\n  additionalProperties: false",
    schemaOut:
      "\n  type: object\n  properties:\n    score: { type: integer }\n    verdict: { type: string, enum: [GO, PASS] }\n  required: [score, verdict]",
  },
])("schema_in and schema_out as $form are enforced", ({ schemaIn, schemaOut }) => {
  const files = {
    "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  scorer: {}\n---\nMain.\n",
    "scorer.worker": `---\nname: scorer\nmodel: test:scorer\nschema_in: ${schemaIn}\nschema_out: ${schemaOut}\n---\nScore.\n`,
    "schemas.ts":
      'import { z } from "zod";\nexport const ScoreInput = z.strictObject({ company: z.string(), year: z.number().int() });\nexport const Score = z.object({ score: z.number().int(), verdict: z.enum(["GO", "PASS"]) });\n',
  };
  const paths = ["main.worker", "scorer.worker", "schemas.ts"];

  test("a model calling the worker with input its schema forbids reads why, and the worker does not run", async () => {
    await using project = await tempProject(files);
    const scorer = scriptedModel([]);
    const main = scriptedModel([
      toolCall("scorer", { company: "Acme", year: "soon", extra: 1 }),
      text("gave up"),
    ]);
    const { result } = await collectRun({
      files: paths.map(project.path),
      input: "x",
      models: { "test:main": main, "test:scorer": scorer },
      cwd: project.dir,
    });
    expect(result?.output).toBe("gave up");
    const told = JSON.stringify(main.calls[1]!.prompt.at(-1));
    expect(told).toMatch(/Invalid input for tool scorer/);
    expect(told).toMatch(/year/);
    expect(scorer.calls).toHaveLength(0);
  });

  test("the worker as entry, given input its schema forbids, fails with an input error", async () => {
    await using project = await tempProject(files);
    const scorer = scriptedModel([]);
    const { error } = await collectRun({
      files: paths.map(project.path),
      entry: "scorer",
      input: { company: "Acme" },
      models: { "test:scorer": scorer },
      cwd: project.dir,
    });
    expect(error?.code).toBe("INPUT_INVALID");
    expect(error?.message).toBe("Invalid input for scorer: year: expected number, received undefined");
    expect(scorer.calls).toHaveLength(0);
  });

  test('an output {"wrong": 1} fails the call and the run; a valid one is the structured result', async () => {
    await using project = await tempProject(files);
    const main = scriptedModel([toolCall("scorer", { company: "Acme", year: 2024 }), text("unreachable")]);
    const { error, events } = await collectRun({
      files: paths.map(project.path),
      input: "x",
      models: { "test:main": main, "test:scorer": scriptedModel([text('{"wrong": 1}')]) },
      cwd: project.dir,
    });
    expect(error?.code).toBe("MODEL_CALL");
    expect(error?.message).toMatch(/response did not match schema/);
    const end = events.find((event) => event.type === "call-end" && event.name === "scorer");
    expect(end).toMatchObject({ outcome: "error" });
    assertBalanced(events);
    const valid = await collectRun({
      files: paths.map(project.path),
      entry: "scorer",
      input: { company: "Acme", year: 2024 },
      models: { "test:scorer": scriptedModel([text('{"score": 4, "verdict": "GO"}')]) },
      cwd: project.dir,
    });
    expect(valid.result?.output).toEqual({ score: 4, verdict: "GO" });
  });
});

describe("usage", () => {
  test("usage is recorded per call and rolled up the tree", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  helper: {}\n---\nMain.\n",
      "helper.worker": "---\nname: helper\nmodel: test:helper\n---\nHelp.\n",
    });
    const main = scriptedModel([
      { ...toolCall("helper", { input: "a" }), usage: { inputTokens: 100, outputTokens: 10 } },
      text("done", { inputTokens: 200, outputTokens: 20 }),
    ]);
    const helper = scriptedModel([text("helped", { inputTokens: 7, outputTokens: 3 })]);
    const { result, events } = await collectRun({
      files: ["main.worker", "helper.worker"].map(project.path),
      input: "x",
      models: { "test:main": main, "test:helper": helper },
      cwd: project.dir,
    });
    expect(result?.usage).toEqual({
      inputTokens: 307,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 33,
      totalTokens: 340,
      requests: 3,
    });
    const ends = Object.fromEntries(
      events.flatMap((event) => (event.type === "call-end" ? [[event.name, event.usage]] : [])),
    );
    expect(ends.helper).toEqual({
      inputTokens: 7,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 3,
      totalTokens: 10,
      requests: 1,
    });
    expect(ends.main).toEqual({
      inputTokens: 307,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 33,
      totalTokens: 340,
      requests: 3,
    });
  });
});

describe("cancellation", () => {
  test("aborting reaches a running tool and the model loop; every start still gets its end", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  slow_tools: {}\n---\nMain.\n",
      "tools.ts": `import { tool, toolset } from "llm-do";\nimport { z } from "zod";\nexport const slow_tools = toolset({\n  wait: tool({\n    description: "Waits until aborted.",\n    inputSchema: z.object({}),\n    execute: (_input, ctx) => new Promise((_resolve, reject) => {\n      ctx.signal.addEventListener("abort", () => reject(new Error("tool saw the abort")));\n    }),\n  }),\n});\n`,
    });
    const controller = new AbortController();
    const main = scriptedModel([step(toolCall("wait", {}), toolCall("wait", {})), text("never")]);
    const pending = collectRun({
      files: ["main.worker", "tools.ts"].map(project.path),
      input: "x",
      models: { "test:main": main },
      cwd: project.dir,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "call-start" && event.name === "wait") setTimeout(() => controller.abort(), 20);
      },
    });
    const { error, events } = await pending;
    expect(error?.code).toBe("ABORTED");
    assertBalanced(events);
    expect(
      events.filter((event) => event.type === "call-end").map((event) => `${event.name}:${event.outcome}`),
    ).toEqual(["wait:aborted", "wait:aborted", "main:aborted"]);
    expect(events.at(-1)).toMatchObject({ type: "run-end", outcome: "aborted" });
    expect(main.calls).toHaveLength(1);
  });
});

describe("cancellation with nested workers", () => {
  test("a worker ends only after the calls it started: children end first, usage adds up", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  helper: {}\n---\nMain.\n",
      "helper.worker": "---\nname: helper\nmodel: test:helper\ntoolsets:\n  slow_tools: {}\n---\nHelp.\n",
      "tools.ts": `import { tool, toolset } from "llm-do";\nimport { z } from "zod";\nexport const slow_tools = toolset({\n  wait: tool({\n    description: "Waits until aborted, then takes a moment to clean up.",\n    inputSchema: z.object({}),\n    execute: (_input, ctx) => new Promise((_resolve, reject) => {\n      ctx.signal.addEventListener("abort", () => setTimeout(() => reject(new Error("stopped")), 50));\n    }),\n  }),\n});\n`,
    });
    const controller = new AbortController();
    const main = scriptedModel([toolCall("helper", { input: "go" }), text("never")]);
    const helper = scriptedModel([toolCall("wait", {}), text("never")]);
    const { error, events } = await collectRun({
      files: ["main.worker", "helper.worker", "tools.ts"].map(project.path),
      input: "x",
      models: { "test:main": main, "test:helper": helper },
      cwd: project.dir,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "call-start" && event.name === "wait") setTimeout(() => controller.abort(), 20);
      },
    });
    expect(error?.code).toBe("ABORTED");
    assertBalanced(events);
    expect(events.filter((event) => event.type === "call-end").map((event) => event.name)).toEqual([
      "wait",
      "helper",
      "main",
    ]);
    const requested = events.reduce(
      (total, event) => total + (event.type === "model-response" ? event.usage.totalTokens : 0),
      0,
    );
    const end = events.at(-1);
    expect(end?.type === "run-end" && end.usage.totalTokens).toBe(requested);
  });
});

describe("start-up stays lean", () => {
  /** The files a script loads through the built library (dist/, bundled), as URLs. */
  function urlsLoadedBy(body: string): string[] {
    const script = `
      import { registerHooks } from "node:module";
      const seen = new Set();
      registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); seen.add(result.url); return result; } });
      const llmDo = await import(${JSON.stringify(path.join(repoRoot, "dist/index.js"))});
      ${body}
      console.log(JSON.stringify([...seen]));
    `;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    return JSON.parse(output) as string[];
  }
  const heavy =
    /node_modules\/(ink|react|jiti|@ai-sdk|@modelcontextprotocol)\/|\/chunks\/(ai-sdk-(anthropic|openai|google|openai-compatible|mcp)|modelcontextprotocol|ui\/)/;

  test("importing the library and parsing a worker file loads no TUI and no provider", () => {
    const urls = urlsLoadedBy(
      `llmDo.parseWorkerFile("---\\nname: main\\nmodel: anthropic:claude-haiku-4-5\\n---\\nHi.\\n", "main.worker");`,
    );
    expect(urls.filter((url) => heavy.test(url))).toEqual([]);
  });

  test("(control) a run on an Anthropic model does load that provider's chunk", () => {
    const urls = urlsLoadedBy(`
      const { mkdtempSync, writeFileSync } = await import("node:fs");
      const dir = mkdtempSync(${JSON.stringify(path.join(repoRoot, "node_modules/.tmp-lean-"))});
      writeFileSync(dir + "/main.worker", "---\\nname: main\\nmodel: anthropic:claude-haiku-4-5\\n---\\nHi.\\n");
      const project = await llmDo.loadProject({ files: ["main.worker"], cwd: dir });
      const handle = llmDo.run({ project, input: "hi", cwd: dir, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" }, retry: { maxAttempts: 1 } });
      await handle.result.catch(() => {});
      (await import("node:fs")).rmSync(dir, { recursive: true, force: true });
    `);
    expect(
      urls.filter((url) => heavy.test(url)).map((url) => /chunks\/(.+)-[\w-]{8}\.js$/.exec(url)?.[1]),
    ).toEqual(["ai-sdk-anthropic"]);
  });
});
