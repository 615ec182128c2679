/**
 * @module The failure of a model response that had already started streaming: an `error` part
 * in the stream, or a connection that broke off. The retry layer retries it like a failed
 * request, and reports that the output streamed so far is discarded.
 */

/** Wraps what broke a stream; `cause` is the provider's error, unchanged. */
export class MidStreamFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "MidStreamFailure";
  }
}
