/**
 * @module How an error reaches the user: one `Error: ...` line (stack traces only with
 * `--debug`), or a JSON record in `--json` mode.
 */
import { errorMessage, isLlmDoError } from "../errors.js";
import { errorCode } from "../util/error-code.js";
import { escapeUnprintable } from "../util/quote.js";
import type { CliSignal } from "./cli-io.js";
import { exitCodeAfter } from "./exit-codes.js";

/** An error as data: the shape of `error` in JSON records. */
export interface ErrorData {
  /** The error class, e.g. `ApprovalDeniedError`. */
  name: string;
  /** The stable llm-do code, when it is one of ours (`APPROVAL_DENIED`, `MODEL_CALL`, ...). */
  code?: string;
  /** The message, as printed after `Error: `. */
  message: string;
  /** The HTTP status of a model API error. */
  status?: number;
  /** The stack trace (and causes), with `--debug` only. */
  stack?: string;
}

/** The final record of a failed run (or command line) in `--json` mode. */
export interface ErrorRecord {
  type: "error";
  error: ErrorData;
  /** The exit code the command returns. */
  exitCode: number;
}

/** Options of the formatters. */
export interface FormatErrorOptions {
  /** Adds stack traces (`--debug`). */
  debug: boolean;
}

/** `true` for an interruption, which is reported as `Aborted`, not as an error. */
export function isAbort(error: unknown): boolean {
  return isLlmDoError(error, "ABORTED");
}

/**
 * The text for stderr: `Error: <message>` (or `Aborted`), then, with `--debug`, the stack
 * trace and the chain of causes. Control characters in the message (a NUL or an escape sequence
 * in a name from a file) are printed escaped, so they cannot corrupt the terminal; line breaks
 * and tabs are kept.
 */
export function formatErrorText(error: unknown, options: FormatErrorOptions): string {
  const head = isAbort(error) ? "Aborted" : `Error: ${printable(errorMessage(error))}`;
  if (!options.debug) return `${head}\n`;
  const stack = stackOf(error);
  return stack ? `${head}\n${stack}\n` : `${head}\n`;
}

/** The JSON record for an error, with the exit code it leads to. */
export function errorRecord(
  error: unknown,
  options: FormatErrorOptions & { interruptedBy?: CliSignal | undefined },
): ErrorRecord {
  return {
    type: "error",
    error: errorData(error, options),
    exitCode: exitCodeAfter(error, options.interruptedBy),
  };
}

/** An error's name, code, message, and (with `--debug`) stack. */
export function errorData(error: unknown, options: FormatErrorOptions): ErrorData {
  const code = errorCode(error);
  const status = isLlmDoError(error, "MODEL_CALL") ? error.details.status : undefined;
  const stack = options.debug ? stackOf(error) : undefined;
  return {
    name: error instanceof Error ? error.name : "Error",
    ...(code !== undefined ? { code } : {}),
    message: errorMessage(error),
    ...(typeof status === "number" ? { status } : {}),
    ...(stack ? { stack } : {}),
  };
}

function printable(message: string): string {
  return message
    .split("\n")
    .map((line) => line.split("\t").map(escapeUnprintable).join("\t"))
    .join("\n");
}

function stackOf(error: unknown): string | undefined {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    parts.push(
      `${parts.length > 0 ? "Caused by: " : ""}${current.stack ?? `${current.name}: ${current.message}`}`,
    );
    current = current.cause;
  }
  return parts.length > 0 ? parts.join("\n") : undefined;
}
