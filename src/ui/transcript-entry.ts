/**
 * @module The blocks of the TUI transcript. An entry is `done` once it will not change; the
 * leading done entries are printed once, above the live part of the screen.
 */
import type { CallOutcome } from "../events/run-event.js";
import type { Usage } from "../runtime/usage.js";

/** What every entry has. */
interface EntryBase {
  /** Unique within the session (React key). */
  readonly id: string;
  /** True once the entry will not change. */
  readonly done: boolean;
}

/** Where an entry sits in the call tree. */
interface Placement {
  /** Names from the entry down to the call the entry belongs to. */
  readonly path: readonly string[];
  /** How far the entry is indented (0 = top level). */
  readonly indent: number;
  /** The worker call the entry belongs to, to decide when a label is needed. */
  readonly ownerCallId?: string;
  /** True when the entry shows its call path (it does not follow its worker's other output). */
  readonly labelled: boolean;
}

/** A message the user sent (the prompt, or a chat message). */
export interface UserEntry extends EntryBase {
  readonly kind: "user";
  readonly text: string;
}

/** The line between two chat turns. */
export interface SeparatorEntry extends EntryBase {
  readonly kind: "separator";
}

/** A worker call began. */
export interface WorkerStartEntry extends EntryBase, Placement {
  readonly kind: "worker-start";
  readonly model?: string;
  /** A one-line preview of a nested worker's input. */
  readonly inputPreview?: string;
}

/** A nested worker call ended. */
export interface WorkerEndEntry extends EntryBase, Placement {
  readonly kind: "worker-end";
  readonly outcome: CallOutcome;
  readonly usage: Usage;
  readonly durationMs: number;
  /** The error message, when it failed. */
  readonly error?: string;
  /** A one-line preview of the output, when it succeeded. */
  readonly outputPreview?: string;
}

/** Text (or reasoning) streamed by a worker's model. */
export interface TextEntry extends EntryBase, Placement {
  readonly kind: "text";
  /** The call that streams it. */
  readonly callId: string;
  readonly text: string;
  /** True for reasoning ("thinking") text. */
  readonly reasoning: boolean;
}

/** Where a tool call stands. */
export type ToolStatus = "running" | "awaiting-approval" | CallOutcome;

/** A tool call (by the model, by code, or a provider's server-side tool) and its result. */
export interface ToolEntry extends EntryBase, Placement {
  readonly kind: "tool";
  /** The call id (or the provider's tool call id for a server-side tool). */
  readonly callId: string;
  readonly name: string;
  readonly input: unknown;
  /** True for a server-side tool the provider runs. */
  readonly server: boolean;
  readonly status: ToolStatus;
  /** How an approval was decided, e.g. `approved once`. */
  readonly approval?: string;
  readonly output?: unknown;
  /** The error message, for error, denied and blocked outcomes. */
  readonly error?: string;
  readonly durationMs?: number;
}

/** A line of information: a retry, a model response at `-vv`, an error. */
export interface NoticeEntry extends EntryBase {
  readonly kind: "notice";
  readonly tone: "info" | "warning" | "error";
  readonly text: string;
}

/** How a turn's run ended, with its usage and time. */
export interface SummaryEntry extends EntryBase {
  readonly kind: "summary";
  readonly outcome: "ok" | "error" | "aborted";
  readonly usage: Usage;
  readonly durationMs: number;
  /** The estimated cost, already formatted. */
  readonly cost?: string;
  readonly error?: string;
}

/** One block of the transcript. */
export type TranscriptEntry =
  | UserEntry
  | SeparatorEntry
  | WorkerStartEntry
  | WorkerEndEntry
  | TextEntry
  | ToolEntry
  | NoticeEntry
  | SummaryEntry;
