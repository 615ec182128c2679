/**
 * @module Where a request differs from its recording: instructions, tools, messages. Only the
 * fields the recording has are compared, so a hand-written script without `request` never drifts,
 * and a tool message with no result (`{ role: tool, name: ls }`) checks only which tool answered.
 */
import { isDeepStrictEqual } from "node:util";
import type { RecordedMessage, RecordedRequest } from "./recording.js";

/** The differences, one human-readable item each (empty when the request matches). */
export function compareRequest(recorded: RecordedRequest | undefined, actual: RecordedRequest): string[] {
  if (!recorded) return [];
  const differences: string[] = [];
  if (recorded.instructions !== undefined && recorded.instructions !== actual.instructions) {
    differences.push(
      `the instructions changed (recorded ${recorded.instructions}, now ${actual.instructions ?? "none"})`,
    );
  }
  const recordedTools = recorded.tools;
  if (recordedTools !== undefined) {
    const now = actual.tools ?? [];
    const added = now.filter((name) => !recordedTools.includes(name));
    const removed = recordedTools.filter((name) => !now.includes(name));
    if (added.length > 0 || removed.length > 0) {
      const parts = [
        ...(added.length > 0 ? [`added ${added.join(", ")}`] : []),
        ...(removed.length > 0 ? [`removed ${removed.join(", ")}`] : []),
      ];
      differences.push(`the tools changed: ${parts.join("; ")}`);
    }
  }
  if (recorded.messages !== undefined)
    differences.push(...compareMessages(recorded.messages, actual.messages ?? []));
  return differences;
}

function compareMessages(recorded: readonly RecordedMessage[], actual: readonly RecordedMessage[]): string[] {
  const differences: string[] = [];
  const length = Math.max(recorded.length, actual.length);
  for (let index = 0; index < length; index++) {
    const before = recorded[index];
    const after = actual[index];
    if (before !== undefined && after !== undefined && messageMatches(before, after)) continue;
    differences.push(
      [
        `${describeMessage(after ?? before)} differs:`,
        `    recorded: ${before === undefined ? "(none)" : preview(before)}`,
        `    actual:   ${after === undefined ? "(none)" : preview(after)}`,
      ].join("\n"),
    );
  }
  return differences;
}

/** True when `actual` is the message `recorded` describes. */
export function messageMatches(recorded: RecordedMessage, actual: RecordedMessage): boolean {
  if (recorded.role === "tool" && !resultFields.some((field) => field in recorded)) {
    return actual.role === "tool" && actual.name === recorded.name;
  }
  return isSameMessage(recorded, actual);
}

/** The fields of a tool message that carry its result. */
const resultFields = ["output", "error", "denied"] as const;

function describeMessage(message: RecordedMessage | undefined): string {
  if (message?.role === "tool") return `the result of tool '${String(message.name)}'`;
  return "the user message (the call's input)";
}

/** Equal as they are (the common case, cheap), or equal as JSON. */
function isSameMessage(before: unknown, after: unknown): boolean {
  return isDeepStrictEqual(before, after) || isDeepStrictEqual(plain(before), plain(after));
}

/** JSON values only, so that YAML numbers and parsed objects compare equal to live ones. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? "null");
}

function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? "undefined";
  return json.length > 400 ? `${json.slice(0, 400)}... (${json.length} chars)` : json;
}
