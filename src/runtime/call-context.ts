/**
 * @module The context every tool receives as its second argument.
 */

/** What a tool can see and do while it runs. */
export interface CallContext {
  /**
   * Calls a worker or a tool by name, through the approval gate, exactly as the model would.
   * A string input to a worker becomes `{ input }`.
   *
   * Contract: rejects with `ApprovalDeniedError` when the call is denied or blocked, with
   * `ToolExecutionError` when the callee throws, and with `NotFoundError` for an unknown name.
   */
  call<Output = unknown>(name: string, input?: unknown): Promise<Output>;
  /** Aborted when the run is cancelled; pass it to anything slow. */
  signal: AbortSignal;
  /** Names from the entry down to this tool, e.g. `["main", "calc"]`. */
  callPath: readonly string[];
  /** Worker nesting depth (the entry worker is 1; a code entry is 0). */
  depth: number;
  /** The working directory of the run. */
  cwd: string;
  /** The model's id for this tool call, when the model made it. */
  toolCallId?: string;
}
