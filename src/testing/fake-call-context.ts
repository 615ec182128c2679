/**
 * @module A `CallContext` for unit-testing a tool's `execute` outside a run.
 */
import type { CallContext } from "../runtime/call-context.js";

/** Options for {@link fakeCallContext}. */
export interface FakeCallContextOptions {
  /** The working directory (default: `process.cwd()`). */
  cwd?: string;
  /** Answers `ctx.call`; by default it throws. */
  call?: (name: string, input: unknown) => unknown;
  /** The signal tools see (default: never aborted). */
  signal?: AbortSignal;
  /** The call path (default `["main", "tool"]`). */
  callPath?: string[];
}

/** A context that records nothing and calls `options.call` for `ctx.call`. */
export function fakeCallContext(options: FakeCallContextOptions = {}): CallContext {
  return {
    call: async <Output>(name: string, input?: unknown) => {
      if (!options.call) throw new Error(`fakeCallContext: unexpected ctx.call("${name}")`);
      return (await options.call(name, input)) as Output;
    },
    signal: options.signal ?? new AbortController().signal,
    callPath: options.callPath ?? ["main", "tool"],
    depth: 1,
    cwd: options.cwd ?? process.cwd(),
  };
}
