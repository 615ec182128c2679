/**
 * @module Attachments: file paths in a worker's input become file parts of its user message.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ConfigError, ToolExecutionError } from "../errors.js";

/** Largest attachment sent (providers reject larger request bodies anyway). */
export const MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024;

const mediaTypesByExtension: Readonly<Record<string, string>> = {
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".json": "application/json",
};

const signatures: ReadonlyArray<{ bytes: number[]; mediaType: string }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], mediaType: "application/pdf" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], mediaType: "image/png" },
  { bytes: [0xff, 0xd8, 0xff], mediaType: "image/jpeg" },
  { bytes: [0x47, 0x49, 0x46, 0x38], mediaType: "image/gif" },
];

/** The media type of a file, from its first bytes when they are known, else from its extension. */
export function detectMediaType(file: string, head: Uint8Array): string | undefined {
  for (const signature of signatures) {
    if (signature.bytes.every((byte, index) => head[index] === byte)) return signature.mediaType;
  }
  const isWebp =
    head.length >= 12 &&
    String.fromCharCode(...head.slice(0, 4)) === "RIFF" &&
    String.fromCharCode(...head.slice(8, 12)) === "WEBP";
  if (isWebp) return "image/webp";
  return mediaTypesByExtension[path.extname(file).toLowerCase()];
}

/** A file part ready for the AI SDK. */
export interface AttachmentPart {
  type: "file";
  data: Uint8Array;
  mediaType: string;
  filename: string;
}

/**
 * Reads an attachment. Relative paths are resolved against `cwd`. Contract: throws
 * ToolExecutionError (the model can read it) for a missing, too large or unsupported file.
 */
export async function readAttachment(
  file: string,
  options: { cwd: string; workerName: string },
): Promise<AttachmentPart> {
  const absolute = path.resolve(options.cwd, file);
  const fail = (message: string) => new ToolExecutionError(options.workerName, message);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) throw fail(`Attachment not found: ${file} (resolved to ${absolute})`);
  if (!info.isFile()) throw fail(`Attachment is not a file: ${file}`);
  if (info.size > MAX_ATTACHMENT_BYTES) {
    throw fail(`Attachment too large: ${file} is ${info.size} bytes (limit ${MAX_ATTACHMENT_BYTES})`);
  }
  const data = new Uint8Array(await readFile(absolute));
  const mediaType = detectMediaType(file, data.subarray(0, 16));
  if (!mediaType) {
    const known = Object.keys(mediaTypesByExtension).join(", ");
    throw fail(`Unsupported attachment type: ${file} (supported: ${known})`);
  }
  return { type: "file", data, mediaType, filename: path.basename(file) };
}

/** Checks an attachments value before any file is read. */
export function assertAttachmentList(value: unknown, workerName: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new ConfigError(`worker '${workerName}': attachments must be a list of file paths`);
  }
  return value as string[];
}
