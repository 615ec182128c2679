/**
 * @module Steps kept in DBOS's system database (`operation_outputs`), written and listed through
 * DBOS's executor, which takes a step's number explicitly: the one place llm-do uses DBOS below
 * its public API, because the public `DBOS.runStep` numbers steps by the order they start (see
 * `keyed-steps.ts`). A step is written as DBOS writes its own (the output serialized by DBOS's
 * serializer, the row checked against the workflow's owner in one transaction), without the
 * reads before it that DBOS makes to find a step already recorded: llm-do knows its steps by
 * name. The tests in `test/durable/` exercise it against a real Postgres, so a DBOS upgrade
 * that changes it fails them.
 */
import { getExecutor } from "@dbos-inc/dbos-sdk/internal/dbos";
import { serializeFunctionInputOutput } from "@dbos-inc/dbos-sdk/internal/serialization";
import type { StepStore, StoredStep } from "./keyed-steps.js";

/** The step store of the launched DBOS. */
export const dbosStepStore: StepStore = {
  async list(workflowId: string): Promise<StoredStep[]> {
    const steps = (await getExecutor().listWorkflowSteps(workflowId, true)) ?? [];
    return steps.map((step) => ({
      number: step.functionID,
      name: step.name,
      output: step.output,
      failed: step.error !== null,
    }));
  },
  async record(workflowId: string, number: number, name: string, output: unknown): Promise<void> {
    const executor = getExecutor();
    const started = Date.now();
    const serialized = await serializeFunctionInputOutput(output, [name, "<result>"], executor.serializer);
    await executor.systemDatabase.recordOperationResult(workflowId, number, name, true, started, Date.now(), {
      output: serialized.stringified,
    });
  },
};
