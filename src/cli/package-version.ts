/**
 * @module The version of the installed llm-do, from its package.json.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../package-root.js";

/** The `version` field of llm-do's package.json. */
export function packageVersion(): string {
  const text = readFileSync(path.join(packageRoot(), "package.json"), "utf8");
  const version: unknown = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}
