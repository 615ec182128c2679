/**
 * @module The `code` of a Node.js system error, read without trusting its type.
 */
/** The `code` of a Node.js system error (`ENOENT`, `EISDIR`, ...), or `undefined`. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
