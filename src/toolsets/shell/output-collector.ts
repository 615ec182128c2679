/**
 * @module Collects a child process's output stream as text, up to a limit.
 */
import { StringDecoder } from "node:string_decoder";

/** The marker appended to output that was cut. */
export const TRUNCATION_MARKER = "\n... (output truncated)";

/**
 * Decodes a byte stream as UTF-8 (invalid bytes become U+FFFD, characters split across chunks
 * are joined) and keeps at most `limit` characters.
 *
 * Contract: memory stays bounded. Once more than `limit` characters have arrived, later chunks
 * are ignored (the caller keeps reading them, so the writer never blocks on a full pipe).
 */
export class OutputCollector {
  private readonly decoder = new StringDecoder("utf8");
  private collected = "";
  private isFull = false;
  private isEnded = false;

  /** @param limit The most characters kept (UTF-16 code units, as `String.length` counts). */
  constructor(private readonly limit: number) {}

  /** Adds a chunk as it arrives. */
  push(chunk: Buffer): void {
    if (this.isFull || this.isEnded) return;
    this.collected += this.decoder.write(chunk);
    this.trim();
  }

  /** Whether more than `limit` characters arrived. */
  get truncated(): boolean {
    return this.isFull;
  }

  /** The text so far: complete, or cut to `limit` and followed by {@link TRUNCATION_MARKER}. */
  text(): string {
    if (!this.isFull && !this.isEnded) {
      this.collected += this.decoder.end();
      this.isEnded = true;
      this.trim();
    }
    return this.isFull ? this.collected + TRUNCATION_MARKER : this.collected;
  }

  private trim(): void {
    if (this.collected.length <= this.limit) return;
    let end = this.limit;
    if (isHighSurrogate(this.collected.charCodeAt(end - 1))) end -= 1;
    this.collected = this.collected.slice(0, end);
    this.isFull = true;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
