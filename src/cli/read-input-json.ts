/**
 * @module `--input-json JSON` or `--input-json @FILE`: an object input from the command line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { errorMessage, UsageError } from "../errors.js";
import { errorCode } from "../util/error-code.js";
import { describeValue } from "../worker/schema-messages.js";

/**
 * The object `spec` holds: inline JSON, or `@FILE` (relative to `cwd`) holding JSON.
 *
 * Contract: throws UsageError naming the flag (and the file) for a file that cannot be read,
 * text that is not JSON, or JSON that is not an object.
 */
export function readInputJson(spec: string, cwd: string): Record<string, unknown> {
  const label = `--input-json ${spec.startsWith("@") ? spec : "value"}`;
  let text = spec;
  if (spec.startsWith("@")) {
    const file = path.resolve(cwd, spec.slice(1));
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      const reason = errorCode(error) === "ENOENT" ? "file not found" : errorMessage(error);
      throw new UsageError(`${label}: ${reason} (${file})`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label}: invalid JSON: ${errorMessage(error)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(
      `${label}: expected a JSON object, e.g. '{"input": "..."}' or the fields of the entry's schema_in (got ${describeValue(value)})`,
    );
  }
  return value as Record<string, unknown>;
}
