/**
 * The durable engine on a real Postgres: a run is started once, answered from its record when it
 * finished, and resumed with its finished steps when it was interrupted; steps are found by name
 * whatever order they finished in.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DurableEngine, launchDurableEngine } from "../../src/durable/durable-engine.js";
import type { KeyedSteps } from "../../src/durable/keyed-steps.js";
import { freshDatabaseUrl, query } from "../support/test-postgres.js";

let engine: DurableEngine;
let databaseUrl: string;
const logs: string[] = [];

beforeAll(async () => {
  databaseUrl = await freshDatabaseUrl();
  engine = await launchDurableEngine({
    databaseUrl,
    onLog: (level, message) => logs.push(`${level}: ${message}`),
  });
});
afterAll(async () => {
  await engine.shutdown();
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const args = (key: string) => ({ group: "test", key, input: key });

describe("the durable engine", () => {
  test("runs a new run once and answers the same id again from its record", async () => {
    let calls = 0;
    const body = async (steps: KeyedSteps) => {
      calls += 1;
      await steps.record("main/1", { text: "hello" });
      return { output: "hello", steps: steps.size };
    };
    expect(await engine.run("engine-once", args("a"), body)).toEqual({ output: "hello", steps: 1 });
    expect(await engine.run("engine-once", args("a"), body)).toEqual({ output: "hello", steps: 1 });
    expect(calls).toBe(1);
  });

  test("resumes an interrupted run with the steps it finished, found by name", async () => {
    const started = deferred();
    const release = deferred();
    const first = engine.run("engine-resume", args("b"), async (steps) => {
      // Two steps finish in the opposite order of their names' order.
      await steps.record("main/1 > b/1", "b");
      await steps.record("main/1 > a/1", "a");
      started.resolve();
      await release.promise;
      throw new Error("interrupted");
    });
    await started.promise;
    await engine.interrupt(["engine-resume"]);
    release.resolve();
    await expect(first).rejects.toThrow();
    const [status] = await query(
      databaseUrl,
      "SELECT status FROM dbos.workflow_status WHERE workflow_uuid = 'engine-resume'",
    );
    expect(status).toEqual({ status: "CANCELLED" });

    const seen: unknown[] = [];
    const result = await engine.run("engine-resume", args("b"), async (steps) => {
      seen.push(steps.get("main/1 > a/1"), steps.get("main/1 > b/1"), steps.has("main/1 > c/1"));
      await steps.record("main/1 > c/1", "c");
      return "done";
    });
    expect(result).toBe("done");
    expect(seen).toEqual(["a", "b", false]);
    const names = await query(
      databaseUrl,
      "SELECT function_name FROM dbos.operation_outputs WHERE workflow_uuid = 'engine-resume' ORDER BY function_id",
    );
    expect(names.map((row) => row.function_name)).toEqual(["main/1 > b/1", "main/1 > a/1", "main/1 > c/1"]);
  });

  test("refuses a second database in the same process", async () => {
    await expect(launchDurableEngine({ databaseUrl: `${databaseUrl}_other` })).rejects.toThrow(
      "already running on another database",
    );
  });

  test("says which database it cannot use, without its password", async () => {
    await engine.shutdown();
    try {
      await expect(
        launchDurableEngine({ databaseUrl: "postgresql://llm_do:secret@127.0.0.1:1/llm_do" }),
      ).rejects.toThrow(/^cannot use the database postgresql:\/\/llm_do:\*\*\*@127\.0\.0\.1:1\/llm_do: /);
    } finally {
      engine = await launchDurableEngine({ databaseUrl });
    }
    expect(logs.filter((line) => line.startsWith("error"))).toEqual([]);
  });
});
