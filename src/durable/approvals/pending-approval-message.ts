/**
 * @module The line that tells a person a call waits for them, and how to answer it.
 */
import type { StoredApprovalRequest } from "./approval-requests.js";

/** `approval a1b2c3d4e5f6 waits: ... (llm-do approvals approve|deny a1b2c3d4e5f6)`. */
export function pendingApprovalMessage(request: StoredApprovalRequest): string {
  const until = request.expiresAt !== undefined ? `, denied at ${request.expiresAt} if undecided` : "";
  return `approval ${request.id} waits for a person: ${request.description} (${request.callKey} in ${request.workflowId}${until}); answer with llm-do approvals approve|deny ${request.id}`;
}
