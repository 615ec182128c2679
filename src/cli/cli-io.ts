/**
 * @module Everything the `llm-do` command touches, passed in so that `main` can be tested
 * without a real process.
 */

/** Something text can be written to (a process stream, or a collector in tests). */
export interface TextOutput {
  /** Writes text as is. */
  write(text: string): unknown;
}

/** A signal `main` reacts to: each aborts the run the same way. */
export type CliSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

/** Every {@link CliSignal}. */
export const CLI_SIGNALS: readonly CliSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** What `main` may touch. */
export interface CliIo {
  /** Where a prompt is read from when none is given as arguments. */
  stdin: NodeJS.ReadableStream;
  /** The final result. */
  stdout: TextOutput;
  /** Progress, NDJSON events, errors and usage messages. */
  stderr: TextOutput;
  /** The environment (`LLM_DO_MODEL`, provider keys and base URLs). */
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory: files, tools and the `filesystem` toolset are relative to it. */
  cwd: string;
  /** True when stdin is a terminal (then a missing prompt is an error instead of a read). */
  stdinIsTTY: boolean;
  /** True when stdout is a terminal (then the TUI is the default mode). */
  stdoutIsTTY: boolean;
  /** True when stderr is a terminal (`llm-do batch` then redraws its progress line in place). */
  stderrIsTTY?: boolean;
  /** Subscribes to a process signal; returns the function that unsubscribes. */
  onSignal?: (signal: CliSignal, handler: () => void) => () => void;
  /** Ends the process at once (a second signal). */
  exit?: (code: number) => void;
}
