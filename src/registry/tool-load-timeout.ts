/**
 * @module `LLM_DO_TOOL_LOAD_TIMEOUT`: how long a tool file may take to load, in seconds.
 */
import { ConfigError } from "../errors.js";

/** The environment variable that sets the tool-file load time limit, in seconds. */
export const TOOL_LOAD_TIMEOUT_VARIABLE = "LLM_DO_TOOL_LOAD_TIMEOUT";

/**
 * The limit in milliseconds from the environment, or `undefined` when it is not set.
 * Contract: throws ConfigError when it is set to anything but a positive number of seconds.
 */
export function toolLoadTimeoutFrom(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const value = env[TOOL_LOAD_TIMEOUT_VARIABLE];
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigError(
      `${TOOL_LOAD_TIMEOUT_VARIABLE} must be a positive number of seconds (got ${JSON.stringify(value)})`,
    );
  }
  return Math.round(seconds * 1000);
}
