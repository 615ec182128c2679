/**
 * @module What a call to a worker needs by itself: nothing, unless the worker asks for approval
 * of the attachments it is sent (`attachment_approval: true`).
 */
import { inputAttachments } from "../runtime/build-user-message.js";
import type { NeedsApproval } from "../tools/tool.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";

/**
 * `false` (delegation is free), or the reason a call passing attachments to a worker with
 * `attachment_approval` needs approval. The caller's `_approval_config` can still change it.
 */
export function workerCallApproval(
  worker: Pick<WorkerDefinition, "name" | "attachmentApproval">,
  input: unknown,
): NeedsApproval {
  if (!worker.attachmentApproval) return false;
  const attachments = inputAttachments(input);
  if (attachments.length === 0) return false;
  const count = attachments.length === 1 ? "1 attachment" : `${attachments.length} attachments`;
  return `sends ${count} to worker '${worker.name}': ${attachments.join(", ")}`;
}
