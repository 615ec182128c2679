/**
 * @module `llm-do main.worker --durable "..."`: one run as a durable run. Its id comes from what
 * the command asks (working directory, files, entry, input, model, overrides), so the same
 * command finds it again. A run that fails or is interrupted stays unfinished, to be resumed by
 * the same command (finished model requests and tool calls are not repeated); a run that
 * succeeds is forgotten, so the same command later runs afresh.
 */
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RunOptions, RunResult } from "../runtime/run.js";
import { run } from "../runtime/run.js";
import { acquireLock } from "../util/process-lease.js";
import { stableStringify } from "../util/stable-stringify.js";
import type { ApprovalWaitOptions } from "./approvals/durable-decisions.js";
import { createDurableRunHooks } from "./durable-run-hooks.js";
import { type DurableStore, openDurableStore } from "./open-durable-store.js";
import type { RateLimits } from "./provider-rate-limits.js";
import type { DatabaseChoice } from "./resolve-database.js";

/** Options of {@link durableRunner}. */
export interface DurableRunnerOptions {
  database: DatabaseChoice;
  /**
   * How calls that need a person wait when the run's policy is `"fail"` (no `--approve-all` or
   * `--reject-all`): they wait for `llm-do approvals` instead of failing the run.
   */
  approvals?: Omit<ApprovalWaitOptions, "requests">;
  /** Receives the engine's warnings and errors. */
  onLog?: (level: "warn" | "error", message: string) => void;
  /** Provider rate limits (their requests go through their queues). */
  rateLimits?: RateLimits;
}

/** Runs entries durably; close it when done. */
export interface DurableRunner {
  /** Runs (or resumes) the run these options describe. */
  execute(options: RunOptions): Promise<RunResult>;
  /** Closes the store, if it was opened. Contract: never throws. */
  close(): Promise<void>;
}

/** The id of the durable run a command describes. */
export function singleRunId(options: RunOptions): string {
  const cwd = options.cwd ?? process.cwd();
  const described = stableStringify({
    cwd,
    files: (options.files ?? []).map((file) => path.resolve(cwd, file)),
    entry: options.entry ?? "main",
    input: options.input,
    model: typeof options.model === "string" ? options.model : (options.model?.modelId ?? null),
    overrides: options.overrides ?? [],
  });
  return `llm-do/run/${createHash("sha256").update(described).digest("hex").slice(0, 16)}`;
}

/** Creates the runner; the store opens with the first run. */
export function durableRunner(options: DurableRunnerOptions): DurableRunner {
  let store: DurableStore | undefined;
  return {
    async execute(runOptions: RunOptions): Promise<RunResult> {
      store ??= await openDurableStore({
        database: options.database,
        ...(options.onLog ? { onLog: options.onLog } : {}),
        ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
        env: runOptions.env ?? process.env,
        cwd: runOptions.cwd ?? process.cwd(),
      });
      const { modelRequests } = store;
      const { engine } = store;
      const id = singleRunId(runOptions);
      const release = await acquireLock(path.join(tmpdir(), `${id.replaceAll("/", "-")}.lock`), {
        timeoutMs: 0,
        what: `The durable run ${id}`,
      });
      let failure: { error: unknown } | undefined;
      const waits = (runOptions.approval ?? "fail") === "fail";
      const approvals = waits
        ? { ...options.approvals, requests: await store.approvalRequests() }
        : undefined;
      try {
        const finished = await engine.run(
          id,
          { group: "run", key: id, input: runOptions.input },
          async (steps) => {
            try {
              const durable = createDurableRunHooks(steps, {
                modelRequests,
                ...(approvals ? { approvals } : {}),
              });
              const result = await run({ ...runOptions, durable }).result;
              return { runId: result.runId, output: result.output, usage: result.usage };
            } catch (error) {
              // Unfinished, not failed: the same command resumes it.
              failure = { error };
              await engine.interrupt([id]);
              throw error;
            }
          },
        );
        await engine.forget(id);
        return { ...finished, messages: [] };
      } catch (error) {
        // What the run threw, not how the engine reports a run that stopped.
        throw failure ? failure.error : error;
      } finally {
        release();
      }
    },
    async close(): Promise<void> {
      await store?.close();
    },
  };
}
