/**
 * @module Where the OAuth credentials file is, from the environment.
 */
import { join } from "node:path";
import { ConfigError } from "../errors.js";

/**
 * The credentials file: `$LLM_DO_OAUTH_FILE` when set, else `~/.llm-do/oauth.json` with `~`
 * taken from `HOME` (or `USERPROFILE`).
 *
 * Contract: throws `ConfigError` when neither the override nor a home directory is set.
 */
export function resolveTokenStorePath(env: Readonly<Record<string, string | undefined>>): string {
  const override = env.LLM_DO_OAUTH_FILE;
  if (override) return override;
  const home = env.HOME || env.USERPROFILE;
  if (!home) {
    throw new ConfigError("cannot find the OAuth credentials file: set HOME or LLM_DO_OAUTH_FILE");
  }
  return join(home, ".llm-do", "oauth.json");
}
