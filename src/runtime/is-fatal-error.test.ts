import { describe, expect, test } from "vitest";
import {
  AbortError,
  ApprovalDeniedError,
  BudgetExceededError,
  ConfigError,
  DepthLimitError,
  InputValidationError,
  InternalError,
  ModelCallError,
  NotFoundError,
  ReplayDriftError,
  ToolExecutionError,
  WorkerFileError,
} from "../errors.js";
import { isFatalError } from "./is-fatal-error.js";

describe("isFatalError", () => {
  test.each([
    ["a tool that threw", new ToolExecutionError("calc", "calc failed: boom")],
    ["invalid input", new InputValidationError("Invalid input for calc")],
    ["an unknown name", new NotFoundError("Tool or worker 'x' not found")],
    ["a denial by a person or a policy", new ApprovalDeniedError("write_file", "denied")],
    ["a blocked call", new ApprovalDeniedError("shell", "Blocked shell: pipes", "blocked")],
  ])("%s goes back to the model", (_what, error) => {
    expect(isFatalError(error)).toBe(false);
  });

  const budget = new BudgetExceededError("over", { limit: "max_calls", scope: "run", callPath: [], step: 1 });
  test.each([
    ["an abort", new AbortError()],
    [
      "a denial under a policy that fails the run",
      new ApprovalDeniedError("write_file", "denied", "denied", true),
    ],
    ["the depth limit", new DepthLimitError("too deep")],
    ["a budget", budget],
    ["a provider failure", new ModelCallError("overloaded")],
    ["a configuration error", new ConfigError("no model")],
    ["a worker file error", new WorkerFileError("a.worker", 1, 1, "bad")],
    ["replay drift", new ReplayDriftError("drift", "main/1")],
    ["a bug", new InternalError("oops")],
  ])("%s ends the run", (_what, error) => {
    expect(isFatalError(error)).toBe(true);
  });

  test("anything that is not one of ours ends the run (the call runner wraps tool errors first)", () => {
    expect(isFatalError(new Error("plain"))).toBe(true);
    expect(isFatalError("a string")).toBe(true);
    expect(isFatalError(null)).toBe(true);
    expect(isFatalError(undefined)).toBe(true);
  });

  test("errors from another copy of llm-do are recognised by their code", () => {
    expect(isFatalError(Object.assign(new Error("x"), { code: "TOOL_EXECUTION" }))).toBe(false);
    expect(isFatalError(Object.assign(new Error("x"), { code: "APPROVAL_DENIED", failsRun: true }))).toBe(
      true,
    );
  });
});
