/**
 * @module Which errors end the whole run and which go back to the model as a tool result.
 */

const recoverable = new Set(["TOOL_EXECUTION", "INPUT_INVALID", "NOT_FOUND"]);

/**
 * True when an error must end the run: aborts, depth and budget limits, model and
 * configuration errors, bugs, and approval denials under a policy that fails the run.
 * Tool failures, invalid input, unknown names and ordinary denials go back to the model.
 */
export function isFatalError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "APPROVAL_DENIED") return (error as { failsRun?: boolean }).failsRun === true;
  return !(typeof code === "string" && recoverable.has(code));
}
