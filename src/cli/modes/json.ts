/**
 * @module JSON mode: the event stream as NDJSON on stderr (a header record first, provider
 * `warning` records, a final `error` record when the run fails) and the result on stdout.
 */
import { captureModelWarnings } from "../capture-model-warnings.js";
import { EXIT_OK } from "../exit-codes.js";
import { errorRecord } from "../format-error.js";
import { writeResult } from "../format-result.js";
import { headerRecord } from "../header-record.js";
import { headlessApprovalPolicy } from "../headless-approval-policy.js";
import { writeJsonLine } from "../to-json-line.js";
import type { ModeContext } from "./mode-context.js";

/**
 * Runs the entry, writing every event as one JSON line on stderr, and returns the exit code.
 *
 * Contract: never throws for run failures; stderr holds only JSON lines.
 */
export async function runJson(context: ModeContext): Promise<number> {
  const { io } = context;
  writeJsonLine(io.stderr, headerRecord(context.version));
  const release = captureModelWarnings(({ message, provider, model, warning }) =>
    writeJsonLine(io.stderr, { type: "warning", message, provider, model, warning }),
  );
  try {
    const result = await context.execute({
      ...context.run,
      approval: headlessApprovalPolicy(context.approval),
      onEvent: (event) => writeJsonLine(io.stderr, event),
    });
    writeResult(io.stdout, result.output);
    return EXIT_OK;
  } catch (error) {
    const record = errorRecord(error, { debug: context.debug, interruptedBy: context.interruptedBy?.() });
    writeJsonLine(io.stderr, record);
    return record.exitCode;
  } finally {
    release();
  }
}
