/**
 * @module The prompt: the words on the command line, or else stdin.
 */
import { AbortError, UsageError } from "../errors.js";

/** Where the prompt may come from. */
export interface PromptSources {
  /** Prompt words from the command line. */
  words: readonly string[];
  stdin: NodeJS.ReadableStream;
  /** True when stdin is a terminal: it is not read. */
  stdinIsTTY: boolean;
  /** Stops reading stdin (Ctrl+C). */
  signal?: AbortSignal;
}

/**
 * The words joined with spaces when there are any (an explicit `""` counts); otherwise the
 * whole of stdin, trimmed, when stdin is not a terminal.
 *
 * Contract: throws UsageError `Prompt required (as argument or via stdin)` when there are no
 * words and stdin is a terminal or holds only whitespace; AbortError when `signal` aborts.
 */
export async function readPrompt(sources: PromptSources): Promise<string> {
  if (sources.words.length > 0) return sources.words.join(" ");
  const required = new UsageError("Prompt required (as argument or via stdin)");
  if (sources.stdinIsTTY) throw required;
  const text = (await readAll(sources.stdin, sources.signal)).trim();
  if (text === "") throw required;
  return text;
}

async function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal | undefined): Promise<string> {
  if (signal?.aborted) throw new AbortError();
  const reading = (async () => {
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      chunks.push(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    }
    chunks.push(decoder.decode());
    return chunks.join("");
  })();
  if (!signal) return reading;
  return new Promise<string>((resolve, reject) => {
    const onAbort = () => reject(new AbortError());
    signal.addEventListener("abort", onAbort, { once: true });
    reading.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
