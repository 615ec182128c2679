/**
 * @module The TUI mode, loaded lazily by `main` so that headless runs never import Ink or
 * React. It opens the terminal, runs the session (`src/ui/run-interactive.ts`), then reports
 * like the other modes: the final result on stdout, errors on stderr, the same exit codes.
 *
 * When stdout is not a terminal stream after all (an embedding `CliIo`, a test), or no keyboard
 * can be opened, it runs headless with the TUI's default verbosity of 1 (progress on stderr).
 */
import { errorMessage } from "../../errors.js";
import { captureModelWarnings } from "../capture-model-warnings.js";
import { EXIT_ABORTED, EXIT_FAILURE, EXIT_OK, exitCodeFor } from "../exit-codes.js";
import { formatErrorText } from "../format-error.js";
import { writeResult } from "../format-result.js";
import { TextEventRenderer } from "../text-event-renderer.js";
import { runHeadless } from "./headless.js";
import type { ModeContext } from "./mode-context.js";

/**
 * Runs the entry in the TUI and returns the exit code: 0 success, 1 the run (or, with `--chat`,
 * any turn) failed, 130 the user quit or Ctrl+C while a turn was running.
 *
 * The transcript is on screen; when stderr is not the terminal (redirected to a file) a plain
 * transcript is also written there, as `-v` would.
 *
 * Contract: the same as every mode: never throws for run failures.
 */
export async function runInteractiveMode(context: ModeContext): Promise<number> {
  const { io } = context;
  const { openTerminal, isTerminalWriteStream } = await import("../../ui/open-terminal.js");
  const terminal = openTerminal(io);
  if (!terminal) return runHeadless({ ...context, verbosity: Math.max(context.verbosity, 1) });
  const [{ mountInTerminal }, { runInteractive }] = await Promise.all([
    import("../../ui/mount-in-terminal.js"),
    import("../../ui/run-interactive.js"),
  ]);
  const transcript = isTerminalWriteStream(io.stderr)
    ? undefined
    : new TextEventRenderer({ verbosity: Math.max(context.verbosity, 1) });
  const { input, ...run } = context.run;
  let result: Awaited<ReturnType<typeof runInteractive>>;
  try {
    result = await runInteractive({
      run,
      input,
      chat: context.chat,
      approval: context.approval,
      verbosity: context.verbosity,
      mount: mountInTerminal(terminal),
      onEvent: transcript ? (event) => io.stderr.write(transcript.render(event)) : undefined,
      subscribeWarnings: (post) => captureModelWarnings((warning) => post(warning.message)),
    });
  } finally {
    terminal.close();
  }
  if (transcript) io.stderr.write(transcript.finish());
  if (result.uiError !== undefined) {
    io.stderr.write(`Error: the TUI failed: ${errorMessage(result.uiError)}\n`);
    return EXIT_FAILURE;
  }
  if (result.abortedTurn) {
    io.stderr.write("Aborted\n");
    return EXIT_ABORTED;
  }
  if (context.chat) return result.failedTurns > 0 ? EXIT_FAILURE : EXIT_OK;
  if (result.last?.type === "error") {
    io.stderr.write(formatErrorText(result.last.error, { debug: context.debug }));
    return exitCodeFor(result.last.error);
  }
  if (result.last?.type === "ok") writeResult(io.stdout, result.last.output);
  return EXIT_OK;
}
