/**
 * @module Waits for a DBOS message in a durable run (`DBOS.recv`, through DBOS's system database
 * at step numbers llm-do chooses). The public `DBOS.recv` numbers its records by the order calls
 * reach it, which parallel calls change between a run and its resumption (see `keyed-steps.ts`),
 * so a resumed run could read another request's message; here each wait takes fresh numbers from
 * the run's steps. The message is consumed and recorded in one transaction, as `DBOS.recv` does,
 * and the wait ends early when the run is cancelled. The one other place (with
 * `dbos-step-store.ts`) llm-do uses DBOS below its public API; `test/durable/` runs it against a
 * real Postgres.
 */
import { getExecutor } from "@dbos-inc/dbos-sdk/internal/dbos";
import type { KeyedSteps } from "../keyed-steps.js";

/** Resolves when a message on `topic` arrives (true) or `timeoutSeconds` pass (false). */
export type MessageWait = (topic: string, timeoutSeconds: number) => Promise<boolean>;

/** The message wait of one durable run. */
export function dbosMessageWait(steps: KeyedSteps): MessageWait {
  return async (topic, timeoutSeconds) => {
    const number = steps.reserveNumbers(2);
    const received = await getExecutor().systemDatabase.recv(
      steps.workflowId,
      number,
      number + 1,
      topic,
      timeoutSeconds,
    );
    return received.serializedValue !== null;
  };
}
