/**
 * @module Which Postgres a durable run uses: `--database-url`, else `LLM_DO_DATABASE_URL`, else
 * llm-do's own, started in the project (`.llm-do/postgres` under the working directory).
 */
import path from "node:path";
import { UsageError } from "../errors.js";

/** The project state directory, under the working directory. */
export const STATE_DIRECTORY = ".llm-do";

/** The database of durable runs. */
export type DatabaseChoice =
  | { type: "url"; url: string; source: "--database-url" | "LLM_DO_DATABASE_URL" }
  | { type: "project"; stateDirectory: string };

/**
 * Chooses the database. Contract: throws a UsageError naming where a value that is not a
 * `postgres://` or `postgresql://` URL came from.
 */
export function resolveDatabase(options: {
  flag?: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}): DatabaseChoice {
  const given =
    options.flag !== undefined
      ? { url: options.flag, source: "--database-url" as const }
      : options.env.LLM_DO_DATABASE_URL
        ? { url: options.env.LLM_DO_DATABASE_URL, source: "LLM_DO_DATABASE_URL" as const }
        : undefined;
  if (!given) return { type: "project", stateDirectory: path.join(options.cwd, STATE_DIRECTORY) };
  if (!/^postgres(ql)?:\/\/./.test(given.url)) {
    throw new UsageError(`${given.source}: expected a postgresql://user:password@host:port/database URL`);
  }
  return { type: "url", ...given };
}
