/**
 * @module The public API of llm-do. Kept small: features with weight live under subpaths.
 */
export { tool, toolset, isTool, isToolset, type Tool, type ToolDefinition, type Toolset, type NeedsApproval } from "./tools/tool.js";
export type { CallContext } from "./runtime/call-context.js";
export { run, type RunHandle, type RunOptions, type RunResult } from "./runtime/run.js";
export { loadProject, type LoadProjectOptions, type Project } from "./registry/load-project.js";
export type { RunEvent, RunEventOf, CallOutcome, SerializedError } from "./events/run-event.js";
export { EVENT_SCHEMA_VERSION } from "./events/run-event.js";
export type { ApprovalCheck, ApprovalDecision, ApprovalRequest, ApprovalResolver } from "./approvals/approval-types.js";
export type { ApprovalPolicy } from "./approvals/approval-policy.js";
export { ApprovalSession } from "./approvals/approval-session.js";
export type { Usage } from "./runtime/usage.js";
export {
  LlmDoError,
  isLlmDoError,
  WorkerFileError,
  ConfigError,
  UsageError,
  ToolExecutionError,
  ApprovalDeniedError,
  DepthLimitError,
  NotFoundError,
  InputValidationError,
  ModelCallError,
  AbortError,
  InternalError,
} from "./errors.js";
export { parseWorkerFile, readWorkerFile } from "./worker/parse-worker-file.js";
export type { WorkerDefinition } from "./worker/worker-definition.js";
