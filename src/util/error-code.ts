/**
 * @module The `code` of any thrown value, read without trusting its type.
 */
/**
 * The string `code` of a thrown value: a Node.js system error's (`ENOENT`, `EISDIR`, ...), an
 * llm-do error's, any other's; or `undefined`. To test for an llm-do error, use `isLlmDoError`.
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
