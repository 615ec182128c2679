/**
 * @module The version of the installed llm-do, from its package.json.
 */
import { readFileSync } from "node:fs";

/** The `version` field of llm-do's package.json (the same path from `src/cli` and `dist/cli`). */
export function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  const version: unknown = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}
