/**
 * @module What a check sees and what it concludes.
 */

/** The verdict of one check on one output. */
export interface CheckOutcome {
  /** The check, for people: `contains "WATCH"`, `judge grader`. */
  label: string;
  pass: boolean;
  /** Why it passed or failed, in one line. */
  reason: string;
}

/**
 * Runs a judge worker on a prompt and returns its output. Contract: rejects when the judge's
 * run fails.
 */
export type JudgeRunner = (worker: string, prompt: string) => Promise<unknown>;

/** What a check is given. */
export interface CheckContext {
  /** The target's output. */
  output: unknown;
  /** The case's input. */
  input: unknown;
  /** The case's `expected`, when it has one. */
  expected?: { value: unknown };
  /** The case's name. */
  caseName: string;
  /** The eval's working directory. */
  cwd: string;
  /** Runs judges (`judge` checks). */
  judge: JudgeRunner;
}
