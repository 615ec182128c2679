/**
 * @module The provider rate limits of durable commands: the defaults, with the `rate_limits` of
 * the nearest `llm-do.yaml` (from the working directory upwards) on top, also when the command
 * line names its files.
 */
import { type RateLimits, resolveRateLimits } from "../durable/provider-rate-limits.js";
import { findProjectFile } from "../project-file/find-project-file.js";
import { readProjectFile } from "../project-file/parse-project-file.js";
import { displayPath } from "./project-file-for.js";

/** The limits in force for a command run in `cwd`. Contract: throws WorkerFileError for a wrong project file. */
export function projectRateLimits(cwd: string): RateLimits {
  const file = findProjectFile(cwd);
  return resolveRateLimits(file ? readProjectFile(file, displayPath(file, cwd)).rateLimits : undefined);
}
