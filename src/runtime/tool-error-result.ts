/**
 * @module What the model reads when a call fails: data, not an exception.
 */
import { errorMessage, isLlmDoError } from "../errors.js";

/** The result a model receives for a failed call. */
export interface ToolErrorResult {
  error: string;
  tool_name: string;
  error_type: "permission" | "invalid_input" | "not_found" | "tool_error";
}

/** Converts a call's error into the result the model reads. */
export function toolErrorResult(toolName: string, error: unknown): ToolErrorResult {
  const code = isLlmDoError(error) ? error.code : undefined;
  const errorType: ToolErrorResult["error_type"] =
    code === "APPROVAL_DENIED"
      ? "permission"
      : code === "INPUT_INVALID"
        ? "invalid_input"
        : code === "NOT_FOUND"
          ? "not_found"
          : "tool_error";
  return { error: errorMessage(error), tool_name: toolName, error_type: errorType };
}
