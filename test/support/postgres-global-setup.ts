/**
 * @module Vitest global setup of the e2e tests: a real Postgres, started once. It makes a
 * template cluster (initdb, then the DBOS system tables migrated into the `llm_do` database)
 * that tests copy into a project's `.llm-do/` (so llm-do finds its own Postgres ready to start),
 * and a shared server started from a copy of it, whose URL tests use as a user's own Postgres
 * (each test in a database of its own, see `test-postgres.ts`). Works as root: the servers then
 * run as `nobody`, which is why the directories are made enterable.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startProjectPostgres } from "../../src/durable/postgres/start-project-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A `.llm-do` directory holding an initialised, migrated, stopped cluster. */
    postgresTemplate: string;
    /** The shared server: `postgresql://llm_do:...@127.0.0.1:PORT/llm_do` (its `llm_do` is a template). */
    databaseUrl: string;
  }
}

/** Settings of test servers: speed over crash safety. */
export const TEST_POSTGRES_SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(path.join(tmpdir(), "llm-do-postgres-"));
  chmodSync(root, 0o755);
  const template = path.join(root, "template", ".llm-do");
  mkdirSync(path.dirname(template), { mode: 0o755 });
  const first = await startProjectPostgres({
    stateDirectory: template,
    fastInit: true,
    settings: TEST_POSTGRES_SETTINGS,
  });
  try {
    const { DBOS } = await import("@dbos-inc/dbos-sdk");
    await DBOS.migrate(first.url);
  } finally {
    await first.release();
  }
  const sharedProject = path.join(root, "shared");
  mkdirSync(sharedProject, { mode: 0o755 });
  copyTree(template, sharedProject);
  const shared = await startProjectPostgres({
    stateDirectory: path.join(sharedProject, ".llm-do"),
    settings: TEST_POSTGRES_SETTINGS,
  });
  project.provide("postgresTemplate", template);
  project.provide("databaseUrl", shared.url);
  return async () => {
    await shared.release();
    rmSync(root, { recursive: true, force: true });
  };
}

/** Copies `source` into `directory`, keeping owners and modes (`cp -a`). */
export function copyTree(source: string, directory: string): void {
  const result = spawnSync("cp", ["-a", source, directory]);
  if (result.status !== 0) throw new Error(`cp -a ${source} ${directory}: ${result.stderr}`);
}
