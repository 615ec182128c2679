/**
 * @module The one table from errors to exit codes.
 */
import { type ErrorCode, isLlmDoError } from "../errors.js";

/** The run succeeded (`llm-do eval`: every case passed). */
export const EXIT_OK = 0;
/**
 * The run failed: model API, approval denied in headless mode, tool, worker or entry errors
 * (`llm-do eval`: a case failed).
 */
export const EXIT_FAILURE = 1;
/** The command line is wrong: bad flags, missing files, no prompt. */
export const EXIT_USAGE = 2;
/** The run was interrupted (Ctrl+C): 128 + SIGINT. */
export const EXIT_ABORTED = 130;

/** The exit code after a signal ended the run: 128 + its number (SIGHUP 1, SIGINT 2, SIGTERM 15). */
export const EXIT_BY_SIGNAL: Readonly<Record<"SIGHUP" | "SIGINT" | "SIGTERM", number>> = {
  SIGHUP: 129,
  SIGINT: EXIT_ABORTED,
  SIGTERM: 143,
};

/** The exit code for an error when `signal` may have interrupted the run: 128 + n for an abort it caused. */
export function exitCodeAfter(error: unknown, signal: keyof typeof EXIT_BY_SIGNAL | undefined): number {
  const code = exitCodeFor(error);
  return signal !== undefined && code === EXIT_ABORTED ? EXIT_BY_SIGNAL[signal] : code;
}

/** Exit codes by llm-do error `code`; any other error is a run failure. */
export const exitCodeByErrorCode: Readonly<Record<ErrorCode, number>> = {
  USAGE: EXIT_USAGE,
  ABORTED: EXIT_ABORTED,
  WORKER_FILE_INVALID: EXIT_FAILURE,
  CONFIG_INVALID: EXIT_FAILURE,
  TOOL_EXECUTION: EXIT_FAILURE,
  APPROVAL_DENIED: EXIT_FAILURE,
  DEPTH_LIMIT: EXIT_FAILURE,
  STEP_LIMIT: EXIT_FAILURE,
  NOT_FOUND: EXIT_FAILURE,
  INPUT_INVALID: EXIT_FAILURE,
  MODEL_CALL: EXIT_FAILURE,
  BUDGET_EXCEEDED: EXIT_FAILURE,
  REPLAY_DRIFT: EXIT_FAILURE,
  DURABLE_STATE: EXIT_FAILURE,
  ALREADY_DECIDED: EXIT_FAILURE,
  INTERNAL: EXIT_FAILURE,
};

/** The exit code for an error (by its `code`; unknown errors are run failures). */
export function exitCodeFor(error: unknown): number {
  return isLlmDoError(error) ? exitCodeByErrorCode[error.code] : EXIT_FAILURE;
}
