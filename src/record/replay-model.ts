/**
 * @module `replay:FILE`: a language model that answers from a recording, by call path and step.
 * The model object only carries the recording; each run binds it to its calls (see
 * `replay-session.ts`), so one file serves every worker of the run.
 */
import type { LanguageModelV4, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { ConfigError } from "../errors.js";
import { type ModelStep, type ModelStepPart, stepToStreamParts } from "../models/model-step.js";
import { readRecording } from "./parse-recording.js";
import type { RecordedResponse, RecordedUsage, Recording } from "./recording.js";

const recordingKey = Symbol.for("llm-do.replay-recording");

/** The model-string prefix of replays: `replay:path/to/file.replay`. */
export const REPLAY_PREFIX = "replay:";

/** True for `replay:FILE` model strings and replay model objects. */
export function isReplaySpec(spec: string | LanguageModelV4 | undefined): boolean {
  if (typeof spec === "string") return spec.startsWith(REPLAY_PREFIX) && spec.length > REPLAY_PREFIX.length;
  return spec !== undefined && recordingOf(spec) !== undefined;
}

/**
 * A model that replays `recording` when used in `run()` (as `model`, or in `models`). Outside a
 * run it has no call path to answer by, and its requests fail.
 */
export function replayModel(recording: Recording): LanguageModelV4 {
  const unbound = async (): Promise<never> => {
    throw new ConfigError(
      `the replay model for ${recording.file} answers by call path: use it as a model of run()`,
    );
  };
  return Object.assign(
    {
      specificationVersion: "v4" as const,
      provider: "replay",
      modelId: recording.file,
      supportedUrls: {},
      doGenerate: unbound,
      doStream: unbound,
    },
    { [recordingKey]: recording },
  );
}

/** Reads `file` and makes its replay model. */
export async function loadReplayModel(file: string, displayName = file): Promise<LanguageModelV4> {
  return replayModel(await readRecording(file, displayName));
}

/** The recording a replay model answers from, or undefined for any other model. */
export function recordingOf(model: LanguageModelV4): Recording | undefined {
  const value = (model as { [recordingKey]?: unknown })[recordingKey];
  return value === undefined ? undefined : (value as Recording);
}

/** The stream a provider would have sent for a recorded response. */
export function replayStream(
  response: RecordedResponse,
  nextId: () => string,
): ReadableStream<LanguageModelV4StreamPart> {
  const parts: ModelStepPart[] = [
    ...(response.reasoning ? [{ type: "reasoning" as const, text: response.reasoning }] : []),
    ...(response.text ? [{ type: "text" as const, text: response.text }] : []),
    ...(response.tool_calls ?? []).map((call) => ({
      type: "tool-call" as const,
      toolName: call.name,
      input: call.input ?? {},
      toolCallId: nextId(),
    })),
  ];
  const usage = response.usage ?? { input_tokens: 10, output_tokens: 5 };
  const step: ModelStep = {
    parts,
    usage: { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens },
    ...(response.finish_reason ? { finishReason: response.finish_reason } : {}),
  };
  const streamParts = stepToStreamParts(step, { nextId, chunkSize: deltaSize(parts) }).map((part) =>
    part.type === "finish" ? { ...part, usage: providerUsage(usage) } : part,
  );
  return pacedStream(streamParts);
}

/** Deltas as a provider sends them (24 characters), but no more than 64 of them per text. */
function deltaSize(parts: readonly ModelStepPart[]): number {
  const longest = Math.max(0, ...parts.map((part) => (part.type === "tool-call" ? 0 : part.text.length)));
  // A long recorded answer replayed 24 characters at a time spent most of a replay's time in
  // the stream machinery, one event-loop turn per delta.
  return Math.max(24, Math.ceil(longest / MAX_DELTAS));
}

const MAX_DELTAS = 64;

/**
 * A stream that hands out one part per turn of the event loop, as a network stream does, so
 * that consumers see parts in the same order relative to the SDK's callbacks as in the
 * recorded run.
 */
function pacedStream<T>(parts: readonly T[]): ReadableStream<T> {
  let index = 0;
  return new ReadableStream<T>({
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve));
      const part = parts[index++];
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}

function providerUsage(usage: RecordedUsage) {
  const cacheRead = usage.cache_read_tokens;
  const cacheWrite = usage.cache_write_tokens;
  return {
    inputTokens: {
      total: usage.input_tokens,
      noCache: usage.input_tokens - (cacheRead ?? 0) - (cacheWrite ?? 0),
      cacheRead,
      cacheWrite,
    },
    outputTokens: { total: usage.output_tokens, text: usage.output_tokens, reasoning: undefined },
  };
}
