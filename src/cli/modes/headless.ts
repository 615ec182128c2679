/**
 * @module Headless mode: the result on stdout; on stderr, run warnings (a shell without a
 * sandbox) and reported replay drift, and with `-v`/`-vv` progress (and provider warnings) too;
 * errors as one `Error: ...` line on stderr.
 */
import { captureModelWarnings } from "../capture-model-warnings.js";
import { EXIT_OK, exitCodeFor } from "../exit-codes.js";
import { formatErrorText } from "../format-error.js";
import { writeResult } from "../format-result.js";
import { headlessApprovalPolicy } from "../headless-approval-policy.js";
import { quietEventText } from "../quiet-event-text.js";
import { TextEventRenderer } from "../text-event-renderer.js";
import type { ModeContext } from "./mode-context.js";

/**
 * Runs the entry without a UI and returns the exit code.
 *
 * Contract: never throws for run failures; every error is reported on stderr and mapped by
 * the exit-code table.
 */
export async function runHeadless(context: ModeContext): Promise<number> {
  const { io } = context;
  const renderer =
    context.verbosity > 0 ? new TextEventRenderer({ verbosity: context.verbosity }) : undefined;
  const writeProgress = (text: string | undefined) => {
    if (text) io.stderr.write(text);
  };
  const release = captureModelWarnings((warning) => writeProgress(renderer?.renderLine(warning.message)));
  try {
    const result = await context.execute({
      ...context.run,
      approval: headlessApprovalPolicy(context.approval),
      onEvent: (event) => writeProgress(renderer ? renderer.render(event) : quietEventText(event)),
    });
    writeProgress(renderer?.finish());
    writeResult(io.stdout, result.output);
    return EXIT_OK;
  } catch (error) {
    writeProgress(renderer?.finish());
    io.stderr.write(formatErrorText(error, { debug: context.debug }));
    return exitCodeFor(error);
  } finally {
    release();
  }
}
