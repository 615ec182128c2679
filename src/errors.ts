/**
 * @module The error classes of llm-do, grouped by who is to blame.
 *
 * Every error carries a stable `code`; `isLlmDoError` checks the code rather than `instanceof`,
 * so errors from another copy of the package (a tool file loaded through jiti) are recognised too.
 */

/** Base class: sets `name` from the class and carries a stable `code`. */
export abstract class LlmDoError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A `.worker` file is wrong. The message is `file:line:column: detail`. */
export class WorkerFileError extends LlmDoError {
  readonly code = "WORKER_FILE_INVALID";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

/** Flags, environment, credentials, tool files, names: the user's configuration is wrong. */
export class ConfigError extends LlmDoError {
  readonly code = "CONFIG_INVALID";
}

/** Command-line usage is wrong (bad flag, missing file, no prompt). Exit code 2. */
export class UsageError extends LlmDoError {
  readonly code = "USAGE";
}

/** A tool threw. Turned into a tool result for the model; thrown to code that called it. */
export class ToolExecutionError extends LlmDoError {
  readonly code = "TOOL_EXECUTION";
  constructor(
    readonly toolName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A call was denied by the user or a policy, or blocked outright. */
export class ApprovalDeniedError extends LlmDoError {
  readonly code = "APPROVAL_DENIED";
  constructor(
    readonly toolName: string,
    message: string,
    /** `denied`: a decision said no; `blocked`: nothing could have approved it. */
    readonly kind: "denied" | "blocked" = "denied",
    /** True when the denial ends the run (headless without --approve-all). */
    readonly failsRun = false,
  ) {
    super(message);
  }
}

/** The run went deeper than the depth limit. */
export class DepthLimitError extends LlmDoError {
  readonly code = "DEPTH_LIMIT";
}

/**
 * A worker reached its step limit (`max_steps`, `--max-steps`) while still calling tools: it
 * has no final answer. Fatal: the run stops.
 */
export class StepLimitError extends LlmDoError {
  readonly code = "STEP_LIMIT";
  constructor(
    message: string,
    readonly details: {
      /** The worker. */
      worker: string;
      /** Its call path. */
      callPath: string[];
      /** The limit: most model requests in its tool loop. */
      maxSteps: number;
    },
  ) {
    super(message);
  }
}

/** A name was not found (entry, tool, worker). */
export class NotFoundError extends LlmDoError {
  readonly code = "NOT_FOUND";
}

/** Input to a worker or tool failed validation. */
export class InputValidationError extends LlmDoError {
  readonly code = "INPUT_INVALID";
}

/** The provider or the network failed. */
export class ModelCallError extends LlmDoError {
  readonly code = "MODEL_CALL";
  constructor(
    message: string,
    readonly details: { provider?: string; status?: number; modelId?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The run was cancelled (Ctrl+C or an AbortSignal). */
export class AbortError extends LlmDoError {
  readonly code = "ABORTED";
  constructor(message = "Aborted") {
    super(message);
  }
}

/** Which limit a budget error is about. */
export type BudgetLimit = "max_cost" | "max_tokens" | "max_calls";

/**
 * A budget (`--max-cost`, `--max-tokens`, `--max-calls`, or a worker's `budget:`) was crossed.
 * Fatal: the run stops. The message names the limit, the call that crossed it and the usage so far.
 */
export class BudgetExceededError extends LlmDoError {
  readonly code = "BUDGET_EXCEEDED";
  constructor(
    message: string,
    readonly details: {
      /** The limit that was crossed. */
      limit: BudgetLimit;
      /** `run`, or the name of the worker whose `budget:` it is. */
      scope: string;
      /** The call path of the model request that crossed it, e.g. `["main", "analyzer"]`. */
      callPath: string[];
      /** Its step in that worker's tool loop (1-based). */
      step: number;
    },
  ) {
    super(message);
  }
}

/** A replayed run asked for something other than what the recording holds. */
export class ReplayDriftError extends LlmDoError {
  readonly code = "REPLAY_DRIFT";
  constructor(
    message: string,
    /** The exchange key where the run diverged, e.g. `main/1 > analyzer/2`. */
    readonly key: string,
  ) {
    super(message);
  }
}

/**
 * The durable state of a run (its Postgres) cannot be read or written: the run stops rather than
 * go on without recording what it pays for.
 */
export class DurableStateError extends LlmDoError {
  readonly code = "DURABLE_STATE";
}

/** `llm-do approvals approve|deny` on a request that was already decided. Exit code 1. */
export class AlreadyDecidedError extends LlmDoError {
  readonly code = "ALREADY_DECIDED";
}

/** A bug in llm-do. */
export class InternalError extends LlmDoError {
  readonly code = "INTERNAL";
  constructor(message: string, options?: { cause?: unknown }) {
    super(`${message} (this is a bug in llm-do: please report it)`, options);
  }
}

/** Every llm-do error, as a union tagged by its `code`. */
export type AnyLlmDoError =
  | WorkerFileError
  | ConfigError
  | UsageError
  | ToolExecutionError
  | ApprovalDeniedError
  | DepthLimitError
  | StepLimitError
  | NotFoundError
  | InputValidationError
  | ModelCallError
  | AbortError
  | InternalError
  | BudgetExceededError
  | ReplayDriftError
  | DurableStateError
  | AlreadyDecidedError;

/** A stable error code: `ABORTED`, `CONFIG_INVALID`, ... */
export type ErrorCode = AnyLlmDoError["code"];

/** The error class whose code is `C`: `LlmDoErrorOf<"ABORTED">` is `AbortError`. */
export type LlmDoErrorOf<C extends ErrorCode> = Extract<AnyLlmDoError, { code: C }>;

// A record, so that the compiler checks the list against the union: none missing, none extra.
const errorCodeSet: Record<ErrorCode, true> = {
  WORKER_FILE_INVALID: true,
  CONFIG_INVALID: true,
  USAGE: true,
  TOOL_EXECUTION: true,
  APPROVAL_DENIED: true,
  DEPTH_LIMIT: true,
  STEP_LIMIT: true,
  NOT_FOUND: true,
  INPUT_INVALID: true,
  MODEL_CALL: true,
  ABORTED: true,
  INTERNAL: true,
  BUDGET_EXCEEDED: true,
  REPLAY_DRIFT: true,
  DURABLE_STATE: true,
  ALREADY_DECIDED: true,
};

/** Every stable error code llm-do uses. */
export const ERROR_CODES = Object.keys(errorCodeSet) as readonly ErrorCode[];

/**
 * True when `value` is an llm-do error, and, given `code`, one with that code (narrowed to its
 * class: `isLlmDoError(error, "ABORTED")` makes `error` an `AbortError`). Checks the `code`
 * rather than `instanceof`, so errors from another copy of the package (a tool file loaded
 * through jiti) are recognised too.
 */
export function isLlmDoError(value: unknown): value is AnyLlmDoError;
export function isLlmDoError<C extends ErrorCode>(value: unknown, code: C): value is LlmDoErrorOf<C>;
export function isLlmDoError(value: unknown, code?: ErrorCode): value is AnyLlmDoError {
  if (!(value instanceof Error)) return false;
  const actual: unknown = (value as { code?: unknown }).code;
  if (typeof actual !== "string" || !Object.hasOwn(errorCodeSet, actual)) return false;
  return code === undefined || actual === code;
}

/** The message of any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
