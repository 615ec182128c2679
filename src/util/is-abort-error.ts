/**
 * @module Whether an error is an abort: a DOM `AbortError` (fetch, streams, `AbortSignal`) or a
 * Node.js `ABORT_ERR`, whichever copy of which library threw it.
 */

/** True for an `AbortError` by name, or an error whose `code` is `ABORT_ERR`. */
export function isAbortError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "AbortError" || code === "ABORT_ERR";
}
