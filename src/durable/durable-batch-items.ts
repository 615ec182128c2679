/**
 * @module A batch's items as durable runs: item KEY of batch ID is the workflow
 * `llm-do/batch/ID/KEY`, started, resumed or answered from its record by the engine.
 */
import type { BatchItem, BatchResult } from "../batch/batch-item.js";
import type { ItemControl, ItemRunner } from "../batch/run-batch.js";
import type { DurableItem } from "../batch/run-batch-item.js";
import type { ApprovalWaitOptions } from "./approvals/durable-decisions.js";
import type { DurableEngine } from "./durable-engine.js";
import { createDurableRunHooks } from "./durable-run-hooks.js";

/** The workflow id of an item. */
export function itemWorkflowId(batchId: string, key: string): string {
  return `llm-do/batch/${batchId}/${key}`;
}

/**
 * Runs items through the engine; `runItem` runs one with the durable hooks it is given. With
 * `approvals`, calls that need a person wait for `llm-do approvals`.
 */
export function durableBatchItems(
  engine: DurableEngine,
  batchId: string,
  runItem: (item: BatchItem, control: ItemControl, durable: DurableItem) => Promise<BatchResult>,
  approvals?: ApprovalWaitOptions,
): { runItem: ItemRunner; interrupt: (keys: readonly string[]) => Promise<void> } {
  return {
    runItem: (item, control) =>
      engine.run(
        itemWorkflowId(batchId, item.key),
        { group: batchId, key: item.key, input: item.input },
        (steps) => {
          const hooks = createDurableRunHooks(steps, approvals ? { approvals } : {});
          return runItem(item, control, { hooks, replayedCost: () => hooks.replayedCost() });
        },
      ),
    interrupt: (keys) => engine.interrupt(keys.map((key) => itemWorkflowId(batchId, key))),
  };
}
