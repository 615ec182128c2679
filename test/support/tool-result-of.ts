import type { ScriptedModel } from "../../src/testing/index.js";

/** The value of the first tool result in the last message of a scripted model's request. */
export function toolResultOf(model: ScriptedModel, request: number, index = 0): unknown {
  const message = model.calls[request]?.prompt.at(-1);
  if (message?.role !== "tool") throw new Error(`request ${request} does not end with tool results`);
  const part = message.content.filter((item) => item.type === "tool-result")[index];
  if (!part) throw new Error(`request ${request} has no tool result ${index}`);
  return "value" in part.output ? part.output.value : part.output;
}
