/**
 * @module The approval requests of durable runs, in a table of llm-do's own
 * (`llm_do.approval_requests`, beside DBOS's schema in the same database): what a waiting call
 * asks, and how it was decided. Both the run that waits and `llm-do approvals` read and write it;
 * a decision is written in the same transaction as the DBOS message that wakes the run.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { AlreadyDecidedError, DurableStateError, errorMessage, NotFoundError } from "../../errors.js";
import { maskPassword } from "../mask-password.js";
import { BATCHES_MIGRATION } from "../runs/batch-records.js";

/** Who decided and when. */
export interface Signature {
  by: string;
  /** ISO time. */
  at: string;
}

/** Where a request stands. */
export type ApprovalState =
  | { type: "pending" }
  | { type: "approved"; remember: "once" | "session"; signature: Signature }
  | { type: "denied"; note?: string; signature: Signature }
  | { type: "timed-out"; signature: Signature };

/** What a waiting call asks. */
export interface NewApprovalRequest {
  /** The durable run's workflow id. */
  workflowId: string;
  /** The call's stable key in its run (`main/1 > write_file`). */
  callKey: string;
  tool: string;
  /** The call's arguments (JSON). */
  input: unknown;
  description: string;
  callPath: string[];
  /** The worker (or code) that made the call. */
  caller: string;
  /** ISO time after which the request is denied, if it has a timeout. */
  expiresAt?: string;
}

/** A stored request. */
export interface StoredApprovalRequest extends NewApprovalRequest {
  id: string;
  /** ISO time. */
  requestedAt: string;
  state: ApprovalState;
}

/** A decision given through `llm-do approvals`. */
export type GivenDecision =
  | { type: "approved"; remember: "once" | "session" }
  | { type: "denied"; note?: string };

/** Writes the message that wakes the waiting run, inside the decision's transaction. */
export type WakeRun = (client: pg.PoolClient, workflowId: string, topic: string) => Promise<void>;

/** The DBOS topic a request's decision is sent on. */
export function approvalTopic(id: string): string {
  return `llm-do.approval/${id}`;
}

/** The id of the request a call of a run makes: the same when the run is resumed. */
export function approvalRequestId(workflowId: string, callKey: string): string {
  return createHash("sha256").update(`${workflowId}\u0000${callKey}`).digest("hex").slice(0, 12);
}

const MIGRATION = `
CREATE SCHEMA IF NOT EXISTS llm_do;
CREATE TABLE IF NOT EXISTS llm_do.approval_requests (
  id text PRIMARY KEY,
  workflow_id text NOT NULL,
  call_key text NOT NULL,
  tool text NOT NULL,
  input jsonb NOT NULL,
  description text NOT NULL,
  call_path jsonb NOT NULL,
  caller text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'timed-out')),
  remember text,
  note text,
  decided_by text,
  decided_at timestamptz
);
CREATE INDEX IF NOT EXISTS approval_requests_workflow ON llm_do.approval_requests (workflow_id);
`;

/** Any number, the same in every llm-do: serialises concurrent migrations. */
const MIGRATION_LOCK = 7_140_022;

/**
 * The table, over a small pool of its own (opening it makes llm-do's other tables too: see
 * `runs/batch-records.ts`).
 */
export class ApprovalRequests {
  private constructor(
    /** The pool, for llm-do's other tables in the same schema. */
    readonly pool: pg.Pool,
  ) {}

  /**
   * Connects and creates the table when missing (idempotent, safe from concurrent processes).
   * Contract: throws a DurableStateError naming the database (without its password).
   */
  static async open(databaseUrl: string): Promise<ApprovalRequests> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on("error", () => {});
    try {
      await inTransaction(pool, async (client) => {
        await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
        await client.query(MIGRATION);
        await client.query(BATCHES_MIGRATION);
      });
    } catch (error) {
      await pool.end().catch(() => {});
      throw new DurableStateError(
        `cannot use the database ${maskPassword(databaseUrl)}: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    return new ApprovalRequests(pool);
  }

  /** Stores the request unless it is stored already; returns the stored one either way. */
  async ensure(request: NewApprovalRequest): Promise<StoredApprovalRequest> {
    const id = approvalRequestId(request.workflowId, request.callKey);
    await this.pool.query(
      `INSERT INTO llm_do.approval_requests
         (id, workflow_id, call_key, tool, input, description, call_path, caller, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [
        id,
        request.workflowId,
        request.callKey,
        request.tool,
        JSON.stringify(request.input ?? null),
        request.description,
        JSON.stringify(request.callPath),
        request.caller,
        request.expiresAt ?? null,
      ],
    );
    // Non-null: the row was written in the statement above.
    return (await this.get(id))!;
  }

  /** The request `id`, if there is one. */
  async get(id: string): Promise<StoredApprovalRequest | undefined> {
    const { rows } = await this.pool.query("SELECT * FROM llm_do.approval_requests WHERE id = $1", [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** Pending requests, oldest first. */
  async pending(): Promise<StoredApprovalRequest[]> {
    const { rows } = await this.pool.query(
      "SELECT * FROM llm_do.approval_requests WHERE status = 'pending' ORDER BY requested_at, id",
    );
    return rows.map(fromRow);
  }

  /** Every request of the runs whose workflow ids are given (or start with `prefix`). */
  async ofWorkflows(
    filter: { ids: readonly string[] } | { prefix: string },
  ): Promise<StoredApprovalRequest[]> {
    const { rows } =
      "ids" in filter
        ? await this.pool.query(
            "SELECT * FROM llm_do.approval_requests WHERE workflow_id = ANY($1) ORDER BY requested_at, id",
            [filter.ids],
          )
        : await this.pool.query(
            "SELECT * FROM llm_do.approval_requests WHERE starts_with(workflow_id, $1) ORDER BY requested_at, id",
            [filter.prefix],
          );
    return rows.map(fromRow);
  }

  /** Denies a pending request whose time ran out; returns the request as it now stands. */
  async timeOut(id: string): Promise<StoredApprovalRequest> {
    await this.pool.query(
      `UPDATE llm_do.approval_requests SET status = 'timed-out', decided_by = 'timeout', decided_at = now()
       WHERE id = $1 AND status = 'pending'`,
      [id],
    );
    // Non-null: the row was written in the statement above.
    return (await this.get(id))!;
  }

  /**
   * Decides a pending request and wakes its run, in one transaction. Contract: throws a
   * NotFoundError for an unknown id and an AlreadyDecidedError for a request already decided (naming how,
   * by whom and when); nothing is written then.
   */
  async decide(
    id: string,
    decision: GivenDecision,
    signature: Signature,
    wake: WakeRun,
  ): Promise<StoredApprovalRequest> {
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query(
        `UPDATE llm_do.approval_requests SET status = $2, remember = $3, note = $4, decided_by = $5, decided_at = $6
         WHERE id = $1 AND status = 'pending' RETURNING workflow_id`,
        [
          id,
          decision.type,
          decision.type === "approved" ? decision.remember : null,
          decision.type === "denied" ? (decision.note ?? null) : null,
          signature.by,
          signature.at,
        ],
      );
      if (rows.length === 0) throw await this.notPending(id);
      await wake(client, rows[0].workflow_id as string, approvalTopic(id));
    });
    // Non-null: the row was written in the statement above.
    return (await this.get(id))!;
  }

  /** Closes the pool. Contract: never throws. */
  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }

  private async notPending(id: string): Promise<Error> {
    const stored = await this.get(id);
    if (!stored) {
      return new NotFoundError(`no approval request '${id}' (llm-do approvals list shows the pending ones)`);
    }
    const { state } = stored;
    if (state.type === "pending")
      return new DurableStateError(`approval request '${id}' changed while deciding it`);
    const how =
      state.type === "timed-out" ? "denied by its timeout" : `${state.type} by ${state.signature.by}`;
    return new AlreadyDecidedError(
      `approval request '${id}' was already decided: ${how} at ${state.signature.at}`,
    );
  }
}

async function inTransaction(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await body(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function fromRow(row: Record<string, unknown>): StoredApprovalRequest {
  const time = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  const signature = () => ({ by: String(row.decided_by), at: time(row.decided_at) });
  const state: ApprovalState =
    row.status === "approved"
      ? {
          type: "approved",
          remember: row.remember === "session" ? "session" : "once",
          signature: signature(),
        }
      : row.status === "denied"
        ? { type: "denied", ...(row.note != null ? { note: String(row.note) } : {}), signature: signature() }
        : row.status === "timed-out"
          ? { type: "timed-out", signature: signature() }
          : { type: "pending" };
  return {
    id: String(row.id),
    workflowId: String(row.workflow_id),
    callKey: String(row.call_key),
    tool: String(row.tool),
    input: row.input,
    description: String(row.description),
    callPath: row.call_path as string[],
    caller: String(row.caller),
    requestedAt: time(row.requested_at),
    ...(row.expires_at != null ? { expiresAt: time(row.expires_at) } : {}),
    state,
  };
}
