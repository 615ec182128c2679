/**
 * @module A model request as the recording keeps it: a hash of the instructions, the tool names,
 * and the messages new since the model's last answer (the input, then tool results).
 */
import { createHash } from "node:crypto";
import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Message,
  LanguageModelV4ToolResultPart,
} from "@ai-sdk/provider";
import type { RecordedMessage, RecordedRequest } from "./recording.js";

/** Summarises a request. `model` is left to the caller. */
export function summarizeRequest(
  options: Pick<LanguageModelV4CallOptions, "prompt" | "tools">,
): RecordedRequest {
  const system = options.prompt
    .filter((message) => message.role === "system")
    .map((message) => message.content);
  const lastAnswer = options.prompt.findLastIndex((message) => message.role === "assistant");
  const fresh = options.prompt.slice(lastAnswer + 1);
  return {
    ...(system.length > 0 ? { instructions: hashText(system.join("\n\n")) } : {}),
    tools: (options.tools ?? []).map((tool) => tool.name).sort(),
    messages: fresh.flatMap(summarizeMessage),
  };
}

/** `sha256:` and the first 16 hex digits of the text's SHA-256. */
export function hashText(text: string | Uint8Array): string {
  return `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

function summarizeMessage(message: LanguageModelV4Message): RecordedMessage[] {
  if (message.role === "user") {
    const text = message.content.flatMap((part) => (part.type === "text" ? [part.text] : []));
    const files = message.content.flatMap((part) =>
      part.type === "file"
        ? [
            {
              media_type: part.mediaType,
              ...(part.filename ? { name: part.filename } : {}),
              hash: hashFileData(part.data),
            },
          ]
        : [],
    );
    return [{ role: "user", text: text.join("\n"), ...(files.length > 0 ? { files } : {}) }];
  }
  if (message.role === "tool") {
    return message.content.flatMap((part) =>
      part.type === "tool-result" ? [summarizeToolResult(part)] : [],
    );
  }
  return [];
}

function summarizeToolResult(part: LanguageModelV4ToolResultPart): RecordedMessage {
  const base = { role: "tool" as const, name: part.toolName };
  const output = part.output;
  switch (output.type) {
    case "text":
    case "json":
      return { ...base, output: output.value };
    case "error-text":
    case "error-json":
      return { ...base, error: output.value };
    case "execution-denied":
      return { ...base, denied: output.reason ?? true };
    case "content":
      return {
        ...base,
        output: output.value.map((item) =>
          item.type === "text"
            ? { text: item.text }
            : item.type === "file"
              ? { media_type: item.mediaType, hash: hashFileData(item.data) }
              : { type: item.type },
        ),
      };
  }
}

function hashFileData(data: unknown): string {
  const value = data as { type?: string; data?: unknown; url?: URL; text?: string; reference?: unknown };
  if (value instanceof Uint8Array || typeof value === "string") return hashText(value);
  if (value.type === "url" && value.url) return `url:${String(value.url)}`;
  if (value.type === "text" && typeof value.text === "string") return hashText(value.text);
  if (value.type === "data" && (value.data instanceof Uint8Array || typeof value.data === "string"))
    return hashText(value.data);
  return hashText(JSON.stringify(value) ?? "");
}
