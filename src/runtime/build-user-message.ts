/**
 * @module A worker's input becomes its first user message: the text, then one file part per
 * attachment.
 */
import type { ModelMessage } from "ai";
import { readAttachment } from "./attachments.js";

/** The text a worker receives for an input value. Empty input becomes `(no input)`. */
export function inputText(input: unknown): string {
  let text: string;
  if (typeof input === "string") text = input;
  else if (
    input &&
    typeof input === "object" &&
    "input" in input &&
    Object.keys(input).every((key) => key === "input" || key === "attachments")
  ) {
    text = String((input as { input: unknown }).input ?? "");
  } else if (input && typeof input === "object") {
    const { attachments: _ignored, ...rest } = input as Record<string, unknown>;
    text = JSON.stringify(rest, null, 2);
  } else text = input === undefined || input === null ? "" : String(input);
  return text.trim() === "" ? "(no input)" : text;
}

/** The attachments of an input value. */
export function inputAttachments(input: unknown): string[] {
  if (input && typeof input === "object" && Array.isArray((input as { attachments?: unknown }).attachments)) {
    return (input as { attachments: unknown[] }).attachments.map(String);
  }
  return [];
}

/** Builds the user message, reading attachments from disk. */
export async function buildUserMessage(
  input: unknown,
  options: { cwd: string; workerName: string },
): Promise<ModelMessage> {
  const text = inputText(input);
  const attachments = inputAttachments(input);
  if (attachments.length === 0) return { role: "user", content: text };
  const files = await Promise.all(attachments.map((file) => readAttachment(file, options)));
  return { role: "user", content: [{ type: "text", text }, ...files] };
}
