/**
 * @module `llm-do/testing`: scripted models and helpers for testing workers and tools offline.
 */
export { fakeCallContext, type FakeCallContextOptions } from "./fake-call-context.js";
export { fail, type ScriptStep, type ScriptedModel, scriptedModel, step, text, toolCall } from "./scripted-model.js";
export type { ModelStep, ModelStepPart } from "../models/model-step.js";
export { tempProject, type TempProject } from "./temp-project.js";
