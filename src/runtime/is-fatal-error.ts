/**
 * @module Which errors end the whole run and which go back to the model as a tool result.
 */
import { type ErrorCode, isLlmDoError } from "../errors.js";

const recoverable = new Set<ErrorCode>(["TOOL_EXECUTION", "INPUT_INVALID", "NOT_FOUND"]);

/**
 * True when an error must end the run: aborts, depth and budget limits, model and
 * configuration errors, bugs, and approval denials under a policy that fails the run.
 * Tool failures, invalid input, unknown names and ordinary denials go back to the model.
 */
export function isFatalError(error: unknown): boolean {
  if (!isLlmDoError(error)) return true;
  if (error.code === "APPROVAL_DENIED") return error.failsRun === true;
  return !recoverable.has(error.code);
}
