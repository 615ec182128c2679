/**
 * @module The recording format: a YAML list (or JSON lines) of model exchanges, keyed by call
 * path and step, and approval decisions. The same format serves hand-written scripts, where
 * only `key` and `response` are needed. While a run goes on, its recording is unfinished
 * (`unfinished-recording.ts`). See docs/testing.md.
 */
import { z } from "zod";

/** A tool call the model made. */
export const RecordedToolCall = z
  .object({
    /** The tool (or worker) name. */
    name: z.string().min(1),
    /** Its arguments (default `{}`). */
    input: z.unknown().optional(),
  })
  .strict();
/** A tool call the model made. */
export type RecordedToolCall = z.infer<typeof RecordedToolCall>;

/** Token counts of a response. */
export const RecordedUsage = z
  .object({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_read_tokens: z.number().int().nonnegative().optional(),
    cache_write_tokens: z.number().int().nonnegative().optional(),
  })
  .strict();
/** Token counts of a response. */
export type RecordedUsage = z.infer<typeof RecordedUsage>;

/** What the model answered. */
export const RecordedResponse = z
  .object({
    reasoning: z.string().optional(),
    text: z.string().optional(),
    tool_calls: z.array(RecordedToolCall).optional(),
    usage: RecordedUsage.optional(),
    /** Default: `tool-calls` when there are tool calls, else `stop`. */
    finish_reason: z.enum(["stop", "length", "tool-calls", "content-filter", "other"]).optional(),
  })
  .strict();
/** What the model answered. */
export type RecordedResponse = z.infer<typeof RecordedResponse>;

/**
 * One message of a request, summarised: `{ role: user, text, files? }` or one tool result
 * `{ role: tool, name, output | error | denied }`.
 */
export const RecordedMessage = z.looseObject({ role: z.enum(["user", "tool"]) });
/** One message of a request, summarised. */
export type RecordedMessage = z.infer<typeof RecordedMessage>;

/** What was asked. Every field is optional; only the fields present are checked in a replay. */
export const RecordedRequest = z
  .object({
    /** The model that answered, as `provider:model-id` (reported in events; not checked). */
    model: z.string().optional(),
    /** `sha256:` and the first 16 hex digits of the hash of the worker's instructions. */
    instructions: z.string().optional(),
    /** The names of the tools the model was offered, sorted. */
    tools: z.array(z.string()).optional(),
    /** The messages new since the model's previous answer (the input, then tool results). */
    messages: z.array(RecordedMessage).optional(),
  })
  .strict();
/** What was asked. */
export type RecordedRequest = z.infer<typeof RecordedRequest>;

/** One model request and its response. */
export const RecordedExchange = z
  .object({
    /** E.g. `main/1` or `main/1 > analyzer#2/1`. */
    key: z.string().min(1),
    request: RecordedRequest.optional(),
    response: RecordedResponse,
  })
  .strict();
/** One model request and its response. */
export type RecordedExchange = z.infer<typeof RecordedExchange>;

/** An approval decision for a call. */
export const RecordedApproval = z
  .object({
    /** The call key of the call that was decided, e.g. `main/1 > write_file`. */
    approval: z.string().min(1),
    tool: z.string().min(1),
    decision: z.enum(["approved", "denied", "blocked"]),
    /** Who decided: `user`, `policy`, `session` or `classifier`. */
    by: z.string().optional(),
    /** The denial note or the reason a call was blocked. */
    note: z.string().optional(),
  })
  .strict();
/** An approval decision for a call. */
export type RecordedApproval = z.infer<typeof RecordedApproval>;

/** One entry of a recording. */
export type RecordingEntry = RecordedExchange | RecordedApproval;

/** True for an approval entry. */
export function isRecordedApproval(entry: RecordingEntry): entry is RecordedApproval {
  return "approval" in entry;
}

/**
 * How a recording ends: `complete` (a finished run's recording, or a hand-written script), or
 * `cut`: the run that recorded it did not end (it was killed), so the file holds the entries
 * that finished before that. See `unfinished-recording.ts`.
 */
export type RecordingEnd =
  | { type: "complete" }
  | {
      type: "cut";
      /** The last line of the last whole entry (or of the header, when there is none). */
      line: number;
      /** The key of the last whole entry in the file (the one that finished last). */
      lastKey?: string;
      /** Where an entry that was cut short starts (it is left out). */
      partialLine?: number;
    };

/** A parsed recording, indexed by key. */
export interface Recording {
  /** The file it was read from, for messages. */
  file: string;
  /** The absolute path it was read from (absent when parsed from text). */
  path?: string;
  /** Exchanges by normalised key, in file order. */
  exchanges: Map<string, RecordedExchange>;
  /** Approval decisions by normalised call key, in file order. */
  approvals: Map<string, RecordedApproval>;
  /** Whether the recording is whole, or where it was cut. */
  end: RecordingEnd;
}
