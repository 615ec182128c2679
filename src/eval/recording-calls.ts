/**
 * @module The calls of a recorded run. A recording keeps model exchanges, not calls, so each
 * call's input and output are derived from what it holds:
 *
 * - a call the model made (a worker or a tool): its input is the tool call in the caller's
 *   response, and its output the tool result in the caller's next request (exactly what the
 *   caller got back);
 * - a worker called by code, or the entry: its input is the text of its first request, and its
 *   output the text of its last answer.
 *
 * What cannot be derived is reported with the reason: a request that was not recorded (a
 * hand-written script), attachments (recorded as hashes, not paths), a call that failed.
 */
import {
  callKeyOf,
  callSegment,
  KEY_SEPARATOR,
  pathOfKey,
  requestKey,
  stepOfKey,
} from "../record/exchange-key.js";
import type { RecordedExchange, RecordedMessage, Recording } from "../record/recording.js";
import type { RecordedCall } from "./recorded-call.js";

interface CallSource {
  key: string;
  /** Set when the model of a worker step made the call. */
  madeBy?: { stepKey: string; name: string; occurrence: number; input: unknown };
}

type Derived = { type: "known"; value: unknown } | { type: "unknown"; why: string };

/** Every worker call of the recording and every call a model made, in call-tree order. */
export function recordingCalls(recording: Recording): RecordedCall[] {
  return [...collectCalls(recording).values()].map((source) => describeCall(recording, source));
}

function collectCalls(recording: Recording): Map<string, CallSource> {
  const calls = new Map<string, CallSource>();
  for (const [key, exchange] of recording.exchanges) {
    const segments = key.split(KEY_SEPARATOR);
    segments.forEach((segment, index) => {
      if (stepOfKey(segment) === undefined) return;
      const callKey = callKeyOf(segments.slice(0, index + 1).join(KEY_SEPARATOR));
      if (!calls.has(callKey)) calls.set(callKey, { key: callKey });
    });
    const occurrences = new Map<string, number>();
    for (const toolCall of exchange.response.tool_calls ?? []) {
      const occurrence = (occurrences.get(toolCall.name) ?? 0) + 1;
      occurrences.set(toolCall.name, occurrence);
      const callKey = `${key}${KEY_SEPARATOR}${callSegment(toolCall.name, occurrence)}`;
      calls.set(callKey, {
        key: callKey,
        madeBy: { stepKey: key, name: toolCall.name, occurrence, input: toolCall.input ?? {} },
      });
    }
  }
  return calls;
}

function describeCall(recording: Recording, source: CallSource): RecordedCall {
  const place = { key: source.key, path: pathOfKey(source.key) };
  const input: Derived = source.madeBy
    ? { type: "known", value: source.madeBy.input }
    : inputFromFirstRequest(recording, source.key);
  if (input.type === "unknown") return { ...place, type: "unknown", why: input.why };
  const returned = source.madeBy ? resultInNextRequest(recording, source.madeBy) : undefined;
  const output: Derived =
    returned ??
    (recording.exchanges.has(requestKey(source.key, 1))
      ? lastAnswer(recording, source.key)
      : {
          type: "unknown",
          why: "its result is not in the recording (the caller's next request was not recorded)",
        });
  if (output.type === "unknown") return { ...place, type: "unknown", why: output.why };
  return { ...place, type: "known", input: input.value, output: output.value };
}

function inputFromFirstRequest(recording: Recording, callKey: string): Derived {
  const first = recording.exchanges.get(requestKey(callKey, 1));
  const message = first?.request?.messages?.find((item) => item.role === "user");
  if (!message) {
    return {
      type: "unknown",
      why: `its input is not in the recording (the request of ${requestKey(callKey, 1)} was not recorded)`,
    };
  }
  if (Array.isArray(message.files) && message.files.length > 0) {
    return {
      type: "unknown",
      why: "it was called by code with attachments, which a recording keeps as hashes, not paths (take the cases from a --trace file)",
    };
  }
  return { type: "known", value: typeof message.text === "string" ? message.text : "" };
}

function resultInNextRequest(
  recording: Recording,
  madeBy: NonNullable<CallSource["madeBy"]>,
): Derived | undefined {
  // Non-null: a step key (`main/1 > analyzer/2`) always ends in `/<step>`.
  const step = stepOfKey(madeBy.stepKey)!;
  const next = recording.exchanges.get(requestKey(callKeyOf(madeBy.stepKey), step + 1));
  const results = (next?.request?.messages ?? []).filter(
    (message): message is RecordedMessage & { name: string } =>
      message.role === "tool" && message.name === madeBy.name,
  );
  const result = results[madeBy.occurrence - 1];
  if (!result) return undefined;
  if (result.error !== undefined) return { type: "unknown", why: `it failed: ${String(result.error)}` };
  if (result.denied !== undefined) return { type: "unknown", why: "it was denied" };
  if (isToolError(result.output)) return { type: "unknown", why: `it failed: ${result.output.error}` };
  return { type: "known", value: result.output };
}

function lastAnswer(recording: Recording, callKey: string): Derived {
  let last: RecordedExchange | undefined;
  for (let step = 1; recording.exchanges.has(requestKey(callKey, step)); step++) {
    last = recording.exchanges.get(requestKey(callKey, step));
  }
  if (!last || (last.response.tool_calls?.length ?? 0) > 0) {
    return { type: "unknown", why: "its last recorded answer calls tools: the call did not finish" };
  }
  return { type: "known", value: last.response.text ?? "" };
}

function isToolError(value: unknown): value is { error: string } {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value).sort().join(",");
  return keys === "error,error_type,tool_name";
}
