import { describe, expect, test } from "vitest";
import { ApprovalDeniedError, InputValidationError, NotFoundError, ToolExecutionError } from "../errors.js";
import { toolErrorResult } from "./tool-error-result.js";

describe("toolErrorResult", () => {
  test.each([
    [new ApprovalDeniedError("write_file", "Approval denied for write_file: not now"), "permission"],
    [new ApprovalDeniedError("shell", "Blocked shell: pipes", "blocked"), "permission"],
    [new InputValidationError("Invalid input for calc: expected number"), "invalid_input"],
    [new NotFoundError("Tool or worker 'x' not found"), "not_found"],
    [new ToolExecutionError("calc", "calc failed: boom"), "tool_error"],
  ] as const)("%s is a %s result with the message the model reads", (error, errorType) => {
    expect(toolErrorResult("the_tool", error)).toEqual({
      error: error.message,
      tool_name: "the_tool",
      error_type: errorType,
    });
  });

  test("anything else is a tool error with its text", () => {
    expect(toolErrorResult("calc", new Error("plain"))).toEqual({
      error: "plain",
      tool_name: "calc",
      error_type: "tool_error",
    });
    expect(toolErrorResult("calc", "a string")).toEqual({
      error: "a string",
      tool_name: "calc",
      error_type: "tool_error",
    });
    expect(toolErrorResult("calc", null)).toMatchObject({ error: "null", error_type: "tool_error" });
  });
});
