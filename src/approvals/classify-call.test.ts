import { describe, expect, test } from "vitest";
import { z } from "zod";
import { Registry } from "../registry/registry.js";
import { prepareWorkerTools } from "../runtime/prepare-worker-tools.js";
import { tool, toolset } from "../tools/tool.js";
import { parseWorkerFile } from "../worker/parse-worker-file.js";
import { classifyCall } from "./classify-call.js";
import { toApprovalCheck } from "./to-approval-check.js";

const tools = { name: "t", kind: "tool" as const };

describe("toApprovalCheck", () => {
  test("false runs freely, true asks, a string asks with that reason, a check passes through", () => {
    expect(toApprovalCheck(false, "t")).toEqual({ type: "pre-approved" });
    expect(toApprovalCheck(true, "t")).toEqual({ type: "needs-approval" });
    expect(toApprovalCheck("writes outside notes/", "t")).toEqual({
      type: "needs-approval",
      reason: "writes outside notes/",
    });
    expect(toApprovalCheck({ type: "blocked", reason: "pipes" }, "t")).toEqual({
      type: "blocked",
      reason: "pipes",
    });
  });
});

describe("classifyCall: the tool's own check", () => {
  test("a tool that declares nothing is pre-approved (code is trusted)", async () => {
    expect(await classifyCall({ ...tools, tool: {} }, { n: 1 })).toEqual({ type: "pre-approved" });
  });

  test("a worker (delegation) is pre-approved by default", async () => {
    expect(await classifyCall({ name: "w", kind: "worker" }, { input: "go" })).toEqual({
      type: "pre-approved",
    });
  });

  test.each([
    [false, { type: "pre-approved" }],
    [true, { type: "needs-approval" }],
    ["it deletes files", { type: "needs-approval", reason: "it deletes files" }],
    [
      { type: "blocked", reason: "never" },
      { type: "blocked", reason: "never" },
    ],
  ] as const)("needsApproval: %j classifies as %j", async (needsApproval, expected) => {
    expect(await classifyCall({ ...tools, tool: { needsApproval } }, {})).toEqual(expected);
  });

  test("a function of the input decides per call, and may be async", async () => {
    const seen: unknown[] = [];
    const needsApproval = async (input: unknown) => {
      seen.push(input);
      const { n } = input as { n: number };
      if (n < 0) return { type: "blocked" as const, reason: "negative" };
      return n > 10 ? "n is larger than 10" : false;
    };
    const target = { ...tools, tool: { needsApproval } };
    expect(await classifyCall(target, { n: 1 })).toEqual({ type: "pre-approved" });
    expect(await classifyCall(target, { n: 50 })).toEqual({
      type: "needs-approval",
      reason: "n is larger than 10",
    });
    expect(await classifyCall(target, { n: -1 })).toEqual({ type: "blocked", reason: "negative" });
    expect(seen).toEqual([{ n: 1 }, { n: 50 }, { n: -1 }]);
  });
});

describe("classifyCall: the calling worker's _approval_config", () => {
  test("pre_approved lets a tool that asks run without asking", async () => {
    const check = await classifyCall(
      { ...tools, tool: { needsApproval: "dangerous" }, override: { pre_approved: true } },
      {},
    );
    expect(check).toEqual({ type: "pre-approved" });
  });

  test("pre_approved cannot unblock a call: only the tool's own check blocks, and nothing overrides it", async () => {
    const blocked = { type: "blocked" as const, reason: "outside the base directory" };
    for (const override of [{ pre_approved: true }, { approval_required: true }]) {
      expect(await classifyCall({ ...tools, tool: { needsApproval: blocked }, override }, {})).toEqual(
        blocked,
      );
    }
  });

  test("approval_required makes a free tool ask, saying why", async () => {
    const check = await classifyCall({ ...tools, tool: {}, override: { approval_required: true } }, {});
    expect(check).toEqual({ type: "needs-approval", reason: "required by the worker's _approval_config" });
  });

  test("approval_required keeps the tool's own reason when it has one", async () => {
    const check = await classifyCall(
      { ...tools, tool: { needsApproval: "writes a file" }, override: { approval_required: true } },
      {},
    );
    expect(check).toEqual({ type: "needs-approval", reason: "writes a file" });
  });

  test("approval_required makes delegation to a worker ask", async () => {
    const check = await classifyCall(
      { name: "w", kind: "worker", override: { approval_required: true } },
      {},
    );
    expect(check).toMatchObject({ type: "needs-approval" });
  });

  test("approval_required wins over pre_approved", async () => {
    const check = await classifyCall(
      { ...tools, tool: {}, override: { pre_approved: true, approval_required: true } },
      {},
    );
    expect(check.type).toBe("needs-approval");
  });

  test("an empty override changes nothing", async () => {
    expect(await classifyCall({ ...tools, tool: { needsApproval: true }, override: {} }, {})).toEqual({
      type: "needs-approval",
    });
    expect(await classifyCall({ ...tools, tool: {}, override: {} }, {})).toEqual({ type: "pre-approved" });
  });
});

describe("_approval_config is scoped to the worker that writes it", () => {
  // Two workers reference the same toolset; only `main` configures it. The bindings each worker
  // gets carry its own override, so the same tool classifies differently per caller.
  const risky = toolset({
    dangerous: tool({
      description: "Asks.",
      inputSchema: z.object({}),
      needsApproval: true,
      execute: () => 1,
    }),
    safe: tool({ description: "Free.", inputSchema: z.object({}), execute: () => 2 }),
  });
  const main = parseWorkerFile(
    "---\nname: main\ntoolsets:\n  risky:\n    _approval_config:\n      dangerous: { pre_approved: true }\n      safe: { approval_required: true }\n  helper:\n    _approval_config:\n      helper: { approval_required: true }\n---\nMain.\n",
    "main.worker",
  );
  const helper = parseWorkerFile(
    "---\nname: helper\ntoolsets:\n  risky: {}\n---\nHelper.\n",
    "helper.worker",
  );
  const registry = new Registry({
    workers: [main, helper],
    toolsets: [{ name: "risky", file: "tools.ts", toolset: risky }],
    builtins: {},
    otherExports: [],
  });
  const bindingsOf = (worker: typeof main) =>
    prepareWorkerTools(worker, {
      registry,
      workerInputSchema: () => z.object({ input: z.string() }),
      cwd: process.cwd(),
      env: {},
      created: [],
    });
  const classify = async (worker: typeof main, name: string) => {
    const binding = (await bindingsOf(worker)).get(name)!;
    return (await classifyCall(binding, {})).type;
  };

  test("main's overrides apply to main's calls", async () => {
    expect(await classify(main, "dangerous")).toBe("pre-approved");
    expect(await classify(main, "safe")).toBe("needs-approval");
    expect(await classify(main, "helper")).toBe("needs-approval");
  });

  test("helper, using the same toolset without overrides, gets the tools' own checks", async () => {
    expect(await classify(helper, "dangerous")).toBe("needs-approval");
    expect(await classify(helper, "safe")).toBe("pre-approved");
  });
});
