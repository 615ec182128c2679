/**
 * @module The durable database for commands that read and decide durable runs (`llm-do
 * approvals`, `llm-do runs`) without running any: the user's Postgres, or the project's own,
 * started here when it exists. A folder without `.llm-do/postgres` has no durable runs, and none
 * is created for asking.
 */
import { existsSync } from "node:fs";
import { projectPostgresPaths, startProjectPostgres } from "./postgres/start-project-postgres.js";
import type { DatabaseChoice } from "./resolve-database.js";

/** An open database. */
export interface DurableDatabase {
  url: string;
  /** Lets go of the project's server (the last user stops it). Contract: never throws. */
  release(): Promise<void>;
}

/** Opens the database; undefined when the project has none (no durable run ever ran here). */
export async function openDurableDatabase(database: DatabaseChoice): Promise<DurableDatabase | undefined> {
  if (database.type === "url") return { url: database.url, release: async () => {} };
  if (!existsSync(projectPostgresPaths(database.stateDirectory).data)) return undefined;
  const server = await startProjectPostgres({ stateDirectory: database.stateDirectory });
  return { url: server.url, release: () => server.release().catch(() => {}) };
}
