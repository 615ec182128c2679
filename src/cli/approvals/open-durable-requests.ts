/**
 * @module The approval requests of the durable database a command names (`--database-url`,
 * `LLM_DO_DATABASE_URL`, else the project's own Postgres when the folder has one).
 */
import type { ApprovalRequests } from "../../durable/approvals/approval-requests.js";
import { resolveDatabase } from "../../durable/resolve-database.js";
import type { CliIo } from "../cli-io.js";

/** The open requests and their database. */
export interface OpenedRequests {
  requests: ApprovalRequests;
  url: string;
  /** Contract: never throws. */
  close(): Promise<void>;
}

/** Opens them; undefined when the project has no database (no durable run ever ran there). */
export async function openDurableRequests(
  databaseUrl: string | undefined,
  io: Pick<CliIo, "env" | "cwd">,
): Promise<OpenedRequests | undefined> {
  const database = resolveDatabase({
    ...(databaseUrl !== undefined ? { flag: databaseUrl } : {}),
    env: io.env,
    cwd: io.cwd,
  });
  const [{ openDurableDatabase }, { ApprovalRequests }] = await Promise.all([
    import("../../durable/open-durable-database.js"),
    import("../../durable/approvals/approval-requests.js"),
  ]);
  const opened = await openDurableDatabase(database);
  if (!opened) return undefined;
  try {
    const requests = await ApprovalRequests.open(opened.url);
    return {
      requests,
      url: opened.url,
      close: async () => {
        await requests.close();
        await opened.release();
      },
    };
  } catch (error) {
    await opened.release();
    throw error;
  }
}
