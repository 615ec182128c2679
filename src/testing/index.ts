/**
 * @module `llm-do/testing`: scripted models and helpers for testing workers and tools offline.
 */

export type { ModelStep, ModelStepPart } from "../models/model-step.js";
export { parseRecording, readRecording } from "../record/parse-recording.js";
export type {
  RecordedApproval,
  RecordedExchange,
  RecordedRequest,
  RecordedResponse,
  Recording,
} from "../record/recording.js";
export { replayModel } from "../record/replay-model.js";
export { type FakeCallContextOptions, fakeCallContext } from "./fake-call-context.js";
export {
  fail,
  type ScriptedModel,
  type ScriptStep,
  scriptedModel,
  step,
  text,
  toolCall,
} from "./scripted-model.js";
export { type TempProject, tempProject } from "./temp-project.js";
