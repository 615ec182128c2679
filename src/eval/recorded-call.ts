/**
 * @module A call found in a recording or a trace: what went in and what came out, or why
 * neither can be known. `cases-from` turns the ones it can know into cases.
 */

/** A call of a run, with its input and output, or the reason they are not known. */
export type RecordedCall = {
  /** Where it is in the run: a recording's call key (`main/2 > pitch_evaluator`), or a trace's path. */
  key: string;
  /** The names from the entry down to it: `["main", "pitch_evaluator"]`. */
  path: string[];
} & ({ type: "known"; input: unknown; output: unknown } | { type: "unknown"; why: string });

/** The callee's name: the last name on the path. */
export function nameOf(call: RecordedCall): string {
  return call.path.at(-1) ?? "";
}
