/**
 * @module What `llm-do runs` knows about a batch besides its items' workflows: its results file
 * and how many items it has (`llm_do.batches`, written by `llm-do batch` when it opens the
 * durable store), so that progress reads "12/20".
 */
import type pg from "pg";

/** A batch as recorded. */
export interface BatchRecord {
  /** The batch id (the results file's identity). */
  id: string;
  /** The results file, as an absolute path. */
  resultsFile: string;
  /** Items in the batch's inputs the last time it ran. */
  total: number;
  /** ISO time of the last run. */
  updatedAt: string;
}

/** The table's definition (idempotent; run under the schema's migration lock). */
export const BATCHES_MIGRATION = `
CREATE TABLE IF NOT EXISTS llm_do.batches (
  id text PRIMARY KEY,
  results_file text NOT NULL,
  total integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;

/** Records (or updates) a batch. */
export async function recordBatch(pool: pg.Pool, batch: Omit<BatchRecord, "updatedAt">): Promise<void> {
  await pool.query(
    `INSERT INTO llm_do.batches (id, results_file, total) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET results_file = $2, total = $3, updated_at = now()`,
    [batch.id, batch.resultsFile, batch.total],
  );
}

/** Every recorded batch. */
export async function listBatches(pool: pg.Pool): Promise<BatchRecord[]> {
  const { rows } = await pool.query("SELECT * FROM llm_do.batches ORDER BY updated_at DESC");
  return rows.map((row) => ({
    id: String(row.id),
    resultsFile: String(row.results_file),
    total: Number(row.total),
    updatedAt: row.updated_at instanceof Date ? row.updated_at.toISOString() : String(row.updated_at),
  }));
}
