/**
 * @module A model response (the provider's stream parts) as plain JSON, to record it as a durable
 * step and stream it again when the run resumes (and a request's call options, to send it from
 * another process). Dates and bytes are tagged so they come back as
 * they were; consecutive text and reasoning deltas are joined, and `raw` and `ping` parts, which
 * carry nothing the run uses, are left out.
 */
import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";

const TAG = "__llmDoValue";

/** Encodes the parts of a complete response. */
export function encodeStreamParts(parts: readonly LanguageModelV4StreamPart[]): unknown[] {
  const joined: LanguageModelV4StreamPart[] = [];
  for (const part of parts) {
    if (part.type === "raw" || part.type === "ping") continue;
    const previous = joined.at(-1);
    if (
      (part.type === "text-delta" || part.type === "reasoning-delta") &&
      previous?.type === part.type &&
      previous.id === part.id &&
      previous.providerMetadata === undefined &&
      part.providerMetadata === undefined
    ) {
      joined[joined.length - 1] = { ...previous, delta: previous.delta + part.delta };
      continue;
    }
    joined.push(part);
  }
  return joined.map((part) => encodeJsonValue(part) as unknown);
}

/** Decodes parts written by {@link encodeStreamParts}. */
export function decodeStreamParts(encoded: readonly unknown[]): LanguageModelV4StreamPart[] {
  return encoded.map((part) => decodeJsonValue(part) as LanguageModelV4StreamPart);
}

/** A stream that hands out `parts`, one per turn of the event loop, as a provider's does. */
export function streamOfParts(
  parts: readonly LanguageModelV4StreamPart[],
): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve));
      const part = parts[index++];
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}

/** A value as plain JSON: dates, bytes and URLs tagged, undefined fields left out. */
export function encodeJsonValue(value: unknown): unknown {
  if (value instanceof Date) return { [TAG]: "date", value: value.toISOString() };
  if (value instanceof Uint8Array) return { [TAG]: "bytes", value: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) return value.map(encodeJsonValue);
  if (value instanceof URL) return { [TAG]: "url", value: value.href };
  if (typeof value === "object" && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) result[key] = encodeJsonValue(item);
    return result;
  }
  return value;
}

/** A value written by {@link encodeJsonValue}. */
export function decodeJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeJsonValue);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record[TAG] === "string" && typeof record.value === "string") {
    if (record[TAG] === "date") return new Date(record.value);
    if (record[TAG] === "bytes") return new Uint8Array(Buffer.from(record.value, "base64"));
    if (record[TAG] === "url") return new URL(record.value);
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) result[key] = decodeJsonValue(item);
  return result;
}
