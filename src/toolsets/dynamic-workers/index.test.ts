import { describe, expect, it } from "vitest";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import type { ToolsetEnvironment } from "../toolset-factory.js";
import type { DynamicWorkerHost, WorkerRequest } from "./dynamic-worker-host.js";
import { dynamicWorkersToolset } from "./index.js";

const environment = (dynamicWorkers?: DynamicWorkerHost): ToolsetEnvironment => ({
  cwd: "/project",
  workerFile: "/project/main.worker",
  workerName: "main",
  env: {},
  ...(dynamicWorkers ? { dynamicWorkers } : {}),
});

/** A host whose answers the test chooses. */
function fakeHost(draft: DynamicWorkerHost["draft"]): DynamicWorkerHost & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    creator: "main",
    calls,
    draft,
    create: async (request: WorkerRequest) => {
      calls.push(["create", request.name]);
      return { name: request.name, file: "w/x.worker", text: "---\nname: x\n---\n" };
    },
    call: async (name, input) => {
      calls.push(["call", name, input]);
      return "called";
    },
  };
}

describe("dynamicWorkersToolset", () => {
  it("needs a run to create workers in", () => {
    expect(() => dynamicWorkersToolset.create({}, environment())).toThrow(
      "the dynamic_workers toolset needs a run to create workers in",
    );
  });

  it("takes no configuration", () => {
    expect(dynamicWorkersToolset.configSchema.safeParse({ dir: "x" }).error?.issues[0]?.message).toBe(
      "dynamic_workers takes no configuration (only _approval_config, e.g. create_worker: { pre_approved: true })",
    );
  });

  it("create_worker: asks for a valid worker showing its file, blocks a grant it may not make, runs an invalid one to report it", async () => {
    const host = fakeHost((request) =>
      request.name === "ok"
        ? { type: "ok", draft: { name: "ok", file: "w/ok.worker", text: "---\nname: ok\n---\nHi.\n" } }
        : request.name === "greedy"
          ? { type: "not-allowed", reason: "cannot grant shell" }
          : { type: "invalid", reason: "taken" },
    );
    const { create_worker: create } = (await dynamicWorkersToolset.create({}, environment(host))).tools;
    const check = create!.needsApproval as (input: WorkerRequest) => unknown;
    expect(check({ name: "ok", instructions: "Hi." })).toEqual({
      type: "needs-approval",
      reason: "main creates a worker",
    });
    expect(create!.describe!({ name: "ok", instructions: "Hi." })).toBe(
      "Create worker 'ok' (w/ok.worker):\n---\nname: ok\n---\nHi.\n",
    );
    expect(check({ name: "greedy", instructions: "Hi." })).toEqual({
      type: "blocked",
      reason: "cannot grant shell",
    });
    expect(check({ name: "taken", instructions: "Hi." })).toEqual({ type: "pre-approved" });
    expect(await create!.execute({ name: "ok", instructions: "Hi." }, fakeCallContext())).toBe(
      `Created worker 'ok'. Call it with call_worker (worker: "ok").`,
    );
  });

  it("call_worker: a text input (with attachments) becomes { input, attachments }; an object goes as it is", async () => {
    const host = fakeHost(() => ({ type: "invalid", reason: "unused" }));
    const { call_worker: call } = (await dynamicWorkersToolset.create({}, environment(host))).tools;
    const context = fakeCallContext();
    await call!.execute({ worker: "a", input: "Read.", attachments: ["deck.pdf"] }, context);
    await call!.execute({ worker: "a", input: "Plain.", attachments: [] }, context);
    await call!.execute({ worker: "b", input: { n: 1 } }, context);
    expect(host.calls).toEqual([
      ["call", "a", { input: "Read.", attachments: ["deck.pdf"] }],
      ["call", "a", { input: "Plain." }],
      ["call", "b", { n: 1 }],
    ]);
  });
});
