/**
 * @module Mock language models for the benchmarks. Each answers at once from memory, so a
 * measurement sees only the code around the model. Built on the AI SDK's `MockLanguageModelV4`.
 */
import { MockLanguageModelV4 } from "ai/test";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/**
 * The stream parts of a response that calls tools.
 * @param {ReadonlyArray<{ toolCallId: string, toolName: string, input: unknown }>} calls
 */
export function toolCallParts(calls) {
  return [
    { type: "stream-start", warnings: [] },
    ...calls.map((call) => ({
      type: "tool-call",
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: JSON.stringify(call.input),
    })),
    { type: "finish", usage, finishReason: { unified: "tool-calls", raw: "tool_use" } },
  ];
}

/**
 * The stream parts of a text answer, in deltas of `chunkSize` characters.
 * @param {string} text
 * @param {number} [chunkSize]
 */
export function textParts(text, chunkSize = 32) {
  const parts = [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "text-1" },
  ];
  for (let index = 0; index < text.length; index += chunkSize) {
    parts.push({ type: "text-delta", id: "text-1", delta: text.slice(index, index + chunkSize) });
  }
  parts.push({ type: "text-end", id: "text-1" });
  parts.push({ type: "finish", usage, finishReason: { unified: "stop", raw: "end_turn" } });
  return parts;
}

/** @param {readonly unknown[]} parts */
function streamOf(parts) {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/**
 * The response `doGenerate` returns for the same parts (for the bare `generateText` loops):
 * text deltas joined per block, tool calls as they are, usage and finish reason from `finish`.
 * @param {ReadonlyArray<any>} parts
 */
function generateResultOf(parts) {
  const content = [];
  const texts = new Map();
  let finish;
  for (const part of parts) {
    if (part.type === "text-delta") {
      let block = texts.get(part.id);
      if (!block) {
        block = { type: "text", text: "" };
        texts.set(part.id, block);
        content.push(block);
      }
      block.text += part.delta;
    } else if (part.type === "tool-call") content.push(part);
    else if (part.type === "finish") finish = part;
  }
  return { content, usage: finish.usage, finishReason: finish.finishReason, warnings: [] };
}

/**
 * A model that answers each request with `respond(request, index)`'s parts: streamed by
 * `doStream`, all at once by `doGenerate`.
 * @param {(request: { prompt: ReadonlyArray<{ role: string }> }, index: number) => unknown[]} respond
 * @param {string} [modelId]
 */
export function benchModel(respond, modelId = "bench") {
  let index = 0;
  return new MockLanguageModelV4({
    provider: "bench",
    modelId,
    doStream: async (request) => ({ stream: streamOf(respond(request, index++)) }),
    doGenerate: async (request) => generateResultOf(respond(request, index++)),
  });
}

/**
 * The model of the per-call benchmark: `toolCalls` requests in a row each call `toolName` once
 * (input `{ n }`), then it answers "done". Both loops compared get an instance each.
 * @param {{ toolName: string, toolCalls: number }} options
 */
export function toolLoopModel(options) {
  return benchModel((_request, index) =>
    index < options.toolCalls
      ? toolCallParts([{ toolCallId: `call-${index}`, toolName: options.toolName, input: { n: index } }])
      : textParts("done"),
  );
}

/**
 * A model that calls tools on its first turn and answers once it has results: the first
 * request (no tool message in the prompt yet) gets `calls()`, later ones get `answer`.
 * @param {() => Array<{ toolCallId: string, toolName: string, input: unknown }>} calls
 * @param {string} answer
 */
export function callThenAnswerModel(calls, answer) {
  return benchModel((request) =>
    request.prompt.some((message) => message.role === "tool") ? textParts(answer) : toolCallParts(calls()),
  );
}

/**
 * A model that makes the given calls one per request, in order, then answers.
 * @param {ReadonlyArray<{ toolName: string, input: unknown }>} plan
 * @param {string} answer
 */
export function planModel(plan, answer) {
  return benchModel((_request, index) => {
    const next = plan[index];
    return next ? toolCallParts([{ toolCallId: `call-${index}`, ...next }]) : textParts(answer);
  });
}
