import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { type ApprovalRequest, ApprovalSession, type RunOptions } from "../../src/index.js";
import {
  type ScriptedModel,
  scriptedModel,
  step,
  tempProject,
  text,
  toolCall,
} from "../../src/testing/index.js";
import { assertBalanced, collectRun, outline } from "../support/collect-run.js";
import { chainFiles, chainPaths } from "./approval-fixtures.js";

async function sideEffects(dir: string): Promise<string[]> {
  const content = await readFile(`${dir}/side-effects.log`, "utf8").catch(() => "");
  return content.split("\n").filter(Boolean);
}

/** Scripts each level of the chain so the call under test happens at `depth`. */
function modelsFor(depth: 1 | 2 | 3, call: { name: string; input: unknown }) {
  const leaf = [toolCall(call.name, call.input), text(`level ${depth} done`)];
  const pass = (child: string) => [toolCall(child, { input: "go deeper" }), text("passed up")];
  const main = scriptedModel(depth === 1 ? leaf : pass("level1"));
  const level1 = scriptedModel(depth === 2 ? leaf : depth === 3 ? pass("level2") : []);
  const level2 = scriptedModel(depth === 3 ? leaf : []);
  return {
    models: { "test:main": main, "test:level1": level1, "test:level2": level2 },
    all: [main, level1, level2],
  };
}

/** The tool result the deepest model received after its tool call. */
function lastToolResult(models: ScriptedModel[], depth: number): unknown {
  const prompt = models[depth - 1]!.calls[1]!.prompt;
  const message = prompt.at(-1) as { content: Array<{ output: { value: unknown } }> };
  return message.content[0]!.output.value;
}

/** Every model of the chain, with empty scripts where a test does not use one. */
const idle = (models: Record<string, ScriptedModel>) => ({
  "test:main": scriptedModel([]),
  "test:level1": scriptedModel([]),
  "test:level2": scriptedModel([]),
  ...models,
});

const pathAt = (depth: number, tool: string) => [...["main", "level1", "level2"].slice(0, depth), tool];

describe.each([1, 2, 3] as const)("at depth %i", (depth) => {
  async function runChain(
    call: { name: string; input: unknown },
    options: Partial<RunOptions> = {},
    approvalConfig?: string,
  ) {
    const project = await tempProject(chainFiles(approvalConfig ? { approvalConfig } : {}));
    const { models, all } = modelsFor(depth, call);
    const outcome = await collectRun({
      files: chainPaths.map(project.path),
      input: "start",
      models,
      cwd: project.dir,
      ...options,
    });
    return { ...outcome, project, all, effects: await sideEffects(project.dir) };
  }

  test("a tool that declares nothing is pre-approved: no request, it runs", async () => {
    const asked: ApprovalRequest[] = [];
    const { result, effects, events, project } = await runChain(
      { name: "safe", input: { n: 1 } },
      {
        approval: {
          prompt: (request) => {
            asked.push(request);
            return { type: "denied" };
          },
        },
      },
    );
    await project.remove();
    expect(result?.output).toBeDefined();
    expect(asked).toEqual([]);
    expect(effects).toEqual(["safe 1"]);
    expect(events.some((event) => event.type === "approval-request")).toBe(false);
  });

  test("needsApproval: true asks the resolver, with the call path and depth; approve runs it", async () => {
    const asked: ApprovalRequest[] = [];
    const { result, effects, events, project } = await runChain(
      { name: "dangerous", input: { n: 7 } },
      {
        approval: {
          prompt: (request) => {
            asked.push(request);
            return { type: "approved" };
          },
        },
      },
    );
    await project.remove();
    expect(result).toBeDefined();
    expect(asked).toEqual([
      {
        toolName: "dangerous",
        input: { n: 7 },
        description: 'dangerous({"n":7})',
        callPath: pathAt(depth, "dangerous"),
        depth,
      },
    ]);
    expect(effects).toEqual(["dangerous 7"]);
    const decision = events.find((event) => event.type === "approval-response");
    expect(decision).toMatchObject({
      toolName: "dangerous",
      decision: { type: "approved" },
      decidedBy: "user",
    });
    assertBalanced(events);
  });

  test("a denial from the user reaches the model as a permission error, and nothing runs", async () => {
    const { result, effects, all, project } = await runChain(
      { name: "dangerous", input: { n: 7 } },
      { approval: { prompt: () => ({ type: "denied", note: "not today" }) } },
    );
    await project.remove();
    expect(result).toBeDefined();
    expect(effects).toEqual([]);
    expect(lastToolResult(all, depth)).toEqual({
      error: "Approval denied for dangerous: not today",
      tool_name: "dangerous",
      error_type: "permission",
    });
  });

  test("a policy function that throws ends the run with an error naming the policy and the call; nothing runs", async () => {
    const { error, effects, events, project } = await runChain(
      { name: "dangerous", input: { n: 7 } },
      {
        approval: function auditPolicy() {
          throw new TypeError("cannot read the allow list");
        },
      },
    );
    await project.remove();
    expect(error?.message).toBe(
      "Approval policy 'auditPolicy' failed for dangerous: cannot read the allow list",
    );
    expect(error?.code).toBe("CONFIG_INVALID");
    expect(effects).toEqual([]);
    assertBalanced(events);
  });

  test("the 'fail' policy (headless default) ends the run at the first call needing approval", async () => {
    const { error, effects, events, project } = await runChain({ name: "dangerous", input: { n: 7 } });
    await project.remove();
    expect(error?.message).toBe(
      "Approval denied for dangerous: use --approve-all to allow it in headless mode",
    );
    expect(error?.code).toBe("APPROVAL_DENIED");
    expect(effects).toEqual([]);
    assertBalanced(events);
    expect(outline(events).at(-1)).toBe(
      "run-end error: Approval denied for dangerous: use --approve-all to allow it in headless mode",
    );
  });

  test("approve_all approves, reject_all denies back to the model", async () => {
    const approved = await runChain({ name: "dangerous", input: { n: 2 } }, { approval: "approve_all" });
    await approved.project.remove();
    expect(approved.effects).toEqual(["dangerous 2"]);
    const rejected = await runChain({ name: "dangerous", input: { n: 2 } }, { approval: "reject_all" });
    await rejected.project.remove();
    expect(rejected.effects).toEqual([]);
    expect(lastToolResult(rejected.all, depth)).toEqual({
      error: "Approval denied for dangerous: --reject-all",
      tool_name: "dangerous",
      error_type: "permission",
    });
  });

  test("a user function decides per request (policy)", async () => {
    const { effects, events, project } = await runChain(
      { name: "conditional", input: { n: 50 } },
      {
        approval: (request) =>
          request.reason === "n is larger than 10" ? { type: "approved" } : { type: "denied" },
      },
    );
    await project.remove();
    expect(effects).toEqual(["conditional 50"]);
    expect(events.find((event) => event.type === "approval-request")).toMatchObject({
      request: { description: "Conditional with 50", reason: "n is larger than 10" },
    });
    expect(events.find((event) => event.type === "approval-response")).toMatchObject({ decidedBy: "policy" });
  });

  test('a policy function answers with the design\'s strings: "approve", "reject", or "prompt" to ask', async () => {
    const approved = await runChain({ name: "dangerous", input: { n: 1 } }, { approval: () => "approve" });
    await approved.project.remove();
    expect(approved.effects).toEqual(["dangerous 1"]);
    const rejected = await runChain(
      { name: "dangerous", input: { n: 2 } },
      {
        approval: function noWrites() {
          return "reject";
        },
      },
    );
    await rejected.project.remove();
    expect(rejected.effects).toEqual([]);
    expect(lastToolResult(rejected.all, depth)).toMatchObject({
      error: "Approval denied for dangerous: rejected by the approval policy 'noWrites'",
    });
    const asked = await runChain(
      { name: "dangerous", input: { n: 3 } },
      { approval: { decide: () => "prompt", prompt: () => "approve" } },
    );
    await asked.project.remove();
    expect(asked.effects).toEqual(["dangerous 3"]);
    expect(asked.events.find((event) => event.type === "approval-response")).toMatchObject({
      decidedBy: "user",
    });
  });

  test("a policy answering anything else ends the run with an error naming it and the value", async () => {
    const { error, effects, all, project } = await runChain(
      { name: "dangerous", input: { n: 1 } },
      {
        approval: function mine() {
          return "yes" as never;
        },
      },
    );
    await project.remove();
    expect(effects).toEqual([]);
    expect(error?.code).toBe("CONFIG_INVALID");
    expect(error?.message).toMatch(
      /^Approval policy 'mine' answered "yes" for dangerous: expected "approve"/,
    );
    // The model never read a denial: the run ended instead.
    expect(all[depth - 1]!.calls).toHaveLength(1);
  });

  test("a blocked call is refused even under approve_all, and the model reads why", async () => {
    const { result, effects, all, events, project } = await runChain(
      { name: "forbidden", input: { n: -1 } },
      { approval: "approve_all" },
    );
    await project.remove();
    expect(result).toBeDefined();
    expect(effects).toEqual([]);
    expect(lastToolResult(all, depth)).toEqual({
      error: "Blocked forbidden: negative numbers are never allowed",
      tool_name: "forbidden",
      error_type: "permission",
    });
    expect(events.find((event) => event.type === "approval-response")).toMatchObject({
      decision: { type: "blocked" },
      decidedBy: "classifier",
    });
    expect(events.find((event) => event.type === "call-end" && event.name === "forbidden")).toMatchObject({
      outcome: "blocked",
    });
  });

  test("a blocked call goes back to the model under the 'fail' policy too", async () => {
    const { result, all, project } = await runChain({ name: "forbidden", input: { n: -5 } });
    await project.remove();
    expect(result).toBeDefined();
    expect(lastToolResult(all, depth)).toMatchObject({ error_type: "permission" });
  });

  test("_approval_config pre_approved lets a tool run without asking; approval_required makes a free tool ask", async () => {
    const config =
      "    _approval_config:\n      dangerous: { pre_approved: true }\n      safe: { approval_required: true }\n";
    const pre = await runChain({ name: "dangerous", input: { n: 3 } }, {}, config);
    await pre.project.remove();
    expect(pre.effects).toEqual(["dangerous 3"]);
    const required = await runChain({ name: "safe", input: { n: 4 } }, {}, config);
    await required.project.remove();
    expect(required.error?.message).toBe(
      "Approval denied for safe: use --approve-all to allow it in headless mode",
    );
    expect(required.effects).toEqual([]);
  });
});

describe("approval config is scoped to the referencing worker", () => {
  test("main pre-approves 'dangerous'; level1 references the same toolset without it and is asked", async () => {
    await using project = await tempProject({
      ...chainFiles(),
      "main.worker":
        "---\nname: main\nmodel: test:main\ntoolsets:\n  risky:\n    _approval_config:\n      dangerous: { pre_approved: true }\n  level1: {}\n---\nMain.\n",
    });
    const asked: string[] = [];
    const main = scriptedModel([
      toolCall("dangerous", { n: 1 }),
      toolCall("level1", { input: "x" }),
      text("done"),
    ]);
    const level1 = scriptedModel([toolCall("dangerous", { n: 2 }), text("level1 done")]);
    const { result } = await collectRun({
      files: chainPaths.map(project.path),
      input: "go",
      models: { "test:main": main, "test:level1": level1, "test:level2": scriptedModel([]) },
      cwd: project.dir,
      approval: {
        prompt: (request) => {
          asked.push(request.callPath.join(" > "));
          return { type: "approved" };
        },
      },
    });
    expect(result?.output).toBe("done");
    expect(asked).toEqual(["main > level1 > dangerous"]);
    expect(await sideEffects(project.dir)).toEqual(["dangerous 1", "dangerous 2"]);
  });

  test("delegation is pre-approved by default and can be made to ask", async () => {
    await using project = await tempProject({
      ...chainFiles(),
      "main.worker":
        "---\nname: main\nmodel: test:main\ntoolsets:\n  level1:\n    _approval_config:\n      level1: { approval_required: true }\n---\nMain.\n",
    });
    const main = scriptedModel([toolCall("level1", { input: "x" }), text("done")]);
    const { error } = await collectRun({
      files: chainPaths.map(project.path),
      input: "go",
      models: idle({ "test:main": main }),
      cwd: project.dir,
    });
    expect(error?.message).toBe("Approval denied for level1: use --approve-all to allow it in headless mode");
  });
});

describe("ctx.call from a code entry passes the same gate", () => {
  test("the code entry's calls are asked with their call path; the entry itself is not", async () => {
    await using project = await tempProject(chainFiles());
    const asked: string[] = [];
    const level1 = scriptedModel([toolCall("dangerous", { n: 9 }), text("level1 done")]);
    const { result, error } = await collectRun({
      files: chainPaths.map(project.path),
      entry: "pipeline",
      input: "go",
      models: idle({ "test:level1": level1 }),
      cwd: project.dir,
      approval: {
        prompt: (request) => {
          asked.push(`${request.callPath.join(" > ")} @${request.depth}`);
          return { type: "approved" };
        },
      },
    });
    expect(error).toBeUndefined();
    expect(result?.output).toEqual({ first: "did 1", second: "level1 done" });
    expect(asked).toEqual(["pipeline > dangerous @0", "pipeline > level1 > dangerous @1"]);
  });

  test("a denied ctx.call rejects in code with ApprovalDeniedError, which code may catch", async () => {
    await using project = await tempProject(chainFiles());
    const { result } = await collectRun({
      files: chainPaths.map(project.path),
      entry: "caller",
      input: { n: 5 },
      models: idle({}),
      cwd: project.dir,
      approval: "reject_all",
    });
    expect(result?.output).toBe("caught: Approval denied for dangerous: --reject-all");
    expect(await sideEffects(project.dir)).toEqual([]);
  });

  test("under the 'fail' policy a ctx.call that needs approval ends the run", async () => {
    await using project = await tempProject(chainFiles());
    const { error } = await collectRun({
      files: chainPaths.map(project.path),
      entry: "caller",
      input: { n: 5 },
      models: idle({}),
      cwd: project.dir,
    });
    // The code caught the error, but the run still fails: headless cannot approve.
    expect(error?.message).toBe(
      "Approval denied for dangerous: use --approve-all to allow it in headless mode",
    );
  });
});

describe("parallel requests and session memory", () => {
  test("parallel calls are queued and answered one at a time, in order", async () => {
    await using project = await tempProject(chainFiles());
    const main = scriptedModel([
      step(toolCall("dangerous", { n: 1 }), toolCall("dangerous", { n: 2 }), toolCall("dangerous", { n: 3 })),
      text("done"),
    ]);
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    const { result, events } = await collectRun({
      files: chainPaths.map(project.path),
      input: "go",
      models: idle({ "test:main": main }),
      cwd: project.dir,
      approval: {
        prompt: async (request) => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push((request.input as { n: number }).n);
          active -= 1;
          return { type: "approved" };
        },
      },
    });
    expect(result?.output).toBe("done");
    expect(maxActive).toBe(1);
    expect(order).toEqual([1, 2, 3]);
    // All three requests are announced before the first is answered, so a UI can show "1 of 3".
    const kinds = events.filter((event) => event.type.startsWith("approval")).map((event) => event.type);
    expect(kinds.slice(0, 3)).toEqual(["approval-request", "approval-request", "approval-request"]);
  });

  test("approve for session remembers identical tool + arguments, across runs, and asks again for different ones", async () => {
    await using project = await tempProject(chainFiles());
    const session = new ApprovalSession();
    const asked: unknown[] = [];
    const prompt = (request: ApprovalRequest) => {
      asked.push(request.input);
      return { type: "approved" as const, remember: "session" as const };
    };
    const turn = (calls: ReturnType<typeof toolCall>[]) =>
      collectRun({
        files: chainPaths.map(project.path),
        input: "go",
        models: idle({ "test:main": scriptedModel([...calls, text("ok")]) }),
        cwd: project.dir,
        approval: { prompt },
        approvalSession: session,
      });
    const first = await turn([toolCall("dangerous", { n: 1 }), toolCall("dangerous", { n: 1 })]);
    const second = await turn([toolCall("dangerous", { n: 1 }), toolCall("dangerous", { n: 2 })]);
    expect(asked).toEqual([{ n: 1 }, { n: 2 }]);
    const deciders = [...first.events, ...second.events]
      .filter((event) => event.type === "approval-response")
      .map((event) => event.decidedBy);
    expect(deciders).toEqual(["user", "session", "session", "user"]);
  });

  test("parallel calls of different kinds are announced and decided in the model's order", async () => {
    // write_file's check resolves paths on disk and used to reach the gate after shell's; a call
    // whose check fails leaves the line instead of holding up the others.
    await using project = await tempProject({
      "main.worker":
        "---\nname: main\nmodel: test:main\ntoolsets:\n  effects: {}\n  filesystem: {}\n  shell:\n    rules:\n      - { pattern: echo, approval_required: true }\n---\nMain.\n",
      "tools.ts":
        'import { tool, toolset } from "llm-do";\nimport { z } from "zod";\nexport const effects = toolset({\n  broken_check: tool({ description: "d", inputSchema: z.object({}), needsApproval: () => { throw new Error("check failed"); }, execute: () => 1 }),\n  side_effect: tool({ description: "d", inputSchema: z.object({}), needsApproval: true, execute: () => 1 }),\n});\n',
    });
    const main = scriptedModel([
      step(
        toolCall("broken_check", {}),
        toolCall("side_effect", {}),
        toolCall("write_file", { path: "a.txt", content: "x" }),
        toolCall("shell", { command: "echo hi" }),
      ),
      text("done"),
    ]);
    const decided: string[] = [];
    const { result, events } = await collectRun({
      files: ["main.worker", "tools.ts"].map(project.path),
      input: "go",
      models: { "test:main": main },
      cwd: project.dir,
      approval: (request) => {
        decided.push(request.toolName);
        return "approve";
      },
    });
    expect(result?.output).toBe("done");
    expect(decided).toEqual(["side_effect", "write_file", "shell"]);
    const announced = events.flatMap((event) =>
      event.type === "approval-request" ? [event.request.toolName] : [],
    );
    expect(announced).toEqual(["side_effect", "write_file", "shell"]);
  });

  test("a one-off approval is not remembered", async () => {
    await using project = await tempProject(chainFiles());
    let asked = 0;
    const main = scriptedModel([
      toolCall("dangerous", { n: 1 }),
      toolCall("dangerous", { n: 1 }),
      text("ok"),
    ]);
    await collectRun({
      files: chainPaths.map(project.path),
      input: "go",
      models: idle({ "test:main": main }),
      cwd: project.dir,
      approval: {
        prompt: () => {
          asked++;
          return { type: "approved", remember: "once" };
        },
      },
    });
    expect(asked).toBe(2);
  });
});
