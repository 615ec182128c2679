import { expect, test } from "vitest";

test("the root export stays small and deliberate", async () => {
  const api = await import("../src/index.js");
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "AbortError",
      "ApprovalDeniedError",
      "ApprovalSession",
      "BudgetExceededError",
      "ConfigError",
      "DepthLimitError",
      "EVENT_SCHEMA_VERSION",
      "InputValidationError",
      "InternalError",
      "LlmDoError",
      "ModelCallError",
      "NotFoundError",
      "ReplayDriftError",
      "StepLimitError",
      "ToolExecutionError",
      "UsageError",
      "WorkerFileError",
      "isLlmDoError",
      "isTool",
      "isToolset",
      "loadProject",
      "parseWorkerFile",
      "readWorkerFile",
      "run",
      "tool",
      "toolset",
      "totalCost",
    ]
  `);
});

test("llm-do/testing exports the offline helpers", async () => {
  const testing = await import("../src/testing/index.js");
  expect(Object.keys(testing).sort()).toMatchInlineSnapshot(`
    [
      "fail",
      "fakeCallContext",
      "parseRecording",
      "readRecording",
      "replayModel",
      "scriptedModel",
      "step",
      "tempProject",
      "text",
      "toolCall",
    ]
  `);
});
