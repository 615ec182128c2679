/**
 * @module Real Postgres for one test, from the e2e global setup: a database of its own on the
 * shared server, or a project whose `.llm-do/` holds a ready cluster for llm-do to start.
 */
import { randomBytes } from "node:crypto";
import { chmodSync } from "node:fs";
import { createRequire } from "node:module";
import { inject } from "vitest";
import { copyTree } from "./postgres-global-setup.js";

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}

/** node-postgres, as DBOS (which depends on it) resolves it. */
function pgClient(url: string): PgClient {
  const require = createRequire(import.meta.url);
  const fromDbos = createRequire(require.resolve("@dbos-inc/dbos-sdk"));
  const { Client } = fromDbos("pg") as { Client: new (options: { connectionString: string }) => PgClient };
  return new Client({ connectionString: url });
}

/** Runs one SQL statement against `url` and returns its rows. */
export async function query(url: string, text: string): Promise<Array<Record<string, unknown>>> {
  const client = pgClient(url);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** A new database on the shared server, with the DBOS tables already made: its URL. */
export async function freshDatabaseUrl(): Promise<string> {
  const shared = new URL(inject("databaseUrl"));
  const name = `t_${randomBytes(6).toString("hex")}`;
  await query(withDatabase(shared, "postgres"), `CREATE DATABASE ${name} TEMPLATE llm_do`);
  return withDatabase(shared, name);
}

/**
 * Puts a ready (initialised, migrated, stopped) cluster in `projectDir/.llm-do`, so that llm-do
 * starts it instead of running initdb, and lets the unprivileged Postgres account into the
 * project (tests' temporary directories are private).
 */
export function seedProjectPostgres(projectDir: string): void {
  chmodSync(projectDir, 0o755);
  copyTree(inject("postgresTemplate"), projectDir);
}

function withDatabase(url: URL, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}
