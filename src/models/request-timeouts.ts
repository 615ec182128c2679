/**
 * @module How long one attempt of a model request may stall or take, and the defaults. No
 * imports: the command line reads the defaults for its help without loading the models layer.
 */

/** How long one attempt of a model request may take. */
export interface RequestTimeouts {
  /** Most milliseconds without receiving anything, from sending the request to its last byte. */
  idleMs: number;
  /** Most milliseconds for the whole attempt, from sending the request to its last byte. */
  requestMs: number;
}

/**
 * The defaults: 5 minutes idle, 60 minutes per request. Reasoning models can think for minutes
 * before their first byte (OpenAI Chat Completions sends nothing meanwhile) and a local server
 * can spend minutes reading a long prompt; 300 s is also what Node's HTTP client allows a silent
 * body. A long answer streams for a long time: Anthropic's SDK allows an hour for 128k output
 * tokens. The idle timeout is what catches a stall; the request timeout only bounds a response
 * that trickles forever.
 */
export const defaultRequestTimeouts: Readonly<RequestTimeouts> = { idleMs: 300_000, requestMs: 3_600_000 };
