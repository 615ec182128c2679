/**
 * @module "Approve for session": remembers approvals of identical tool + arguments, across
 * the turns of a chat.
 */
import { stableStringify } from "../util/stable-stringify.js";

/** Remembered approvals. Pass the same instance to every turn of a chat. */
export class ApprovalSession {
  readonly #approved = new Set<string>();

  /** True when this exact call was approved for the session. */
  has(toolName: string, input: unknown): boolean {
    return this.#approved.has(ApprovalSession.key(toolName, input));
  }

  /** Remembers this exact call. */
  remember(toolName: string, input: unknown): void {
    this.#approved.add(ApprovalSession.key(toolName, input));
  }

  private static key(toolName: string, input: unknown): string {
    return `${toolName}\u0000${stableStringify(input)}`;
  }
}
