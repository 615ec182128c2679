/**
 * @module The public API of llm-do. Kept small: features with weight live under subpaths.
 */

export type { ApprovalPolicy, ApprovalPolicyFunction, PolicyAnswer } from "./approvals/approval-policy.js";
export { ApprovalSession } from "./approvals/approval-session.js";
export type {
  ApprovalAnswer,
  ApprovalCheck,
  ApprovalDecision,
  ApprovalRequest,
  ApprovalResolver,
} from "./approvals/approval-types.js";
export type { Budget } from "./budget/budget.js";
export {
  AbortError,
  ApprovalDeniedError,
  BudgetExceededError,
  type BudgetLimit,
  ConfigError,
  DepthLimitError,
  type ErrorCode,
  InputValidationError,
  InternalError,
  isLlmDoError,
  LlmDoError,
  type LlmDoErrorOf,
  ModelCallError,
  NotFoundError,
  ReplayDriftError,
  StepLimitError,
  ToolExecutionError,
  UsageError,
  WorkerFileError,
} from "./errors.js";
export type { CallOutcome, RunEvent, RunEventOf, SerializedError } from "./events/run-event.js";
export { EVENT_SCHEMA_VERSION } from "./events/run-event.js";
export { type CostTotal, type ModelCost, totalCost } from "./models/estimate-cost.js";
export type { RetryOptions } from "./models/retry-policy.js";
export type { ReplayDriftMode } from "./record/replay-session.js";
export { type LoadProjectOptions, loadProject, type Project } from "./registry/load-project.js";
export type { CallContext } from "./runtime/call-context.js";
export { type RunHandle, type RunOptions, type RunResult, run } from "./runtime/run.js";
export type { Usage } from "./runtime/usage.js";
export type { RunTelemetry } from "./telemetry/run-spans.js";
export {
  isTool,
  isToolset,
  type NeedsApproval,
  type Tool,
  type ToolDefinition,
  type Toolset,
  tool,
  toolset,
} from "./tools/tool.js";
export { parseWorkerFile, readWorkerFile } from "./worker/parse-worker-file.js";
export type { WorkerDefinition } from "./worker/worker-definition.js";
