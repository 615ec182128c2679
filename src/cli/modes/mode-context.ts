/**
 * @module What every output mode receives from `main`.
 */
import type { RunOptions, RunResult } from "../../runtime/run.js";
import type { CliIo, CliSignal } from "../cli-io.js";
import type { ApprovalFlag } from "../headless-approval-policy.js";

/** The run, as the command line describes it; each mode adds its approval policy and listener. */
export type CliRunOptions = Omit<RunOptions, "approval" | "onEvent" | "approvalSession">;

/** Everything a mode needs to run and report. */
export interface ModeContext {
  io: CliIo;
  /** Files, entry, prompt, model, overrides, depth limit, cwd, env and the Ctrl+C signal. */
  run: CliRunOptions;
  /** `--approve-all` or `--reject-all`, if given. */
  approval: ApprovalFlag;
  /** The number of `-v`. */
  verbosity: number;
  /** `--chat`: keep the TUI open for more turns. */
  chat: boolean;
  /** `--debug`: stack traces. */
  debug: boolean;
  /** The llm-do version (for the NDJSON header). */
  version: string;
  /** The signal that aborted the run, once one has (its exit code replaces 130). */
  interruptedBy?: () => CliSignal | undefined;
  /** Runs the entry to its result: `run()`, or a durable run with `--durable` (headless and JSON modes). */
  execute: (options: RunOptions) => Promise<RunResult>;
}

/** A mode: runs, reports on the context's streams, and returns the exit code. */
export type Mode = (context: ModeContext) => Promise<number>;
