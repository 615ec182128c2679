/**
 * @module The help texts of `llm-do eval` and `llm-do eval cases-from`.
 */

/** `llm-do eval --help`. */
export const EVAL_HELP = `Usage: llm-do eval FILE... --cases CASES [options]
       llm-do eval cases-from RUN [--call PATH]

Runs every case of CASES against a worker, or against the TypeScript tool of the same name
(the hardened version), and prints a table: case, pass/fail, time, tokens, cost, why.
Exit code: 0 when every case passes, 1 when any fails, 2 for a usage error.

Options:
  --cases FILE          the cases: YAML, or JSON Lines (.jsonl); see docs/evals.md
  --target NAME         the worker or tool to run (default: the cases file's 'target:')
  --baseline NAME       also run the cases against NAME, and show where the two differ
  --baseline-files F,G  load the baseline from these files instead (e.g. the worker a tool
                        was hardened from, which cannot be loaded beside it)
  -m, --model MODEL     model for the targets (provider:model-id); replay:FILE replays every
                        run of every case from FILE, keyed <case> > <target>/<step>
  --concurrency N       cases run at once (default 1)
  --repeat N            run each case N times (flaky LLM cases)
  --threshold RATE      the share of a case's runs that must pass, 0 to 1 (default 1)
  --json                print the report as JSON on stdout
  --approve-all         approve every call that needs approval
  --reject-all          deny every call that needs approval (the model reads the denial)
                        (without either, a call that needs approval fails its case)
  --max-cost USD, --max-tokens N, --max-calls N
                        limits for each run of a case
  --replay-drift MODE   fail (default) or report, as in runs
  --debug               stack traces for errors
  -h, --help            show this help

Examples:
  llm-do eval cases-from run.replay --call summarize > cases.yaml
  llm-do eval summarize.worker --cases cases.yaml --repeat 5 --threshold 0.8
  llm-do eval tools.ts --cases cases.yaml --baseline-files summarize.worker
`;

/** `llm-do eval cases-from --help`. */
export const CASES_FROM_HELP = `Usage: llm-do eval cases-from RUN [--call PATH]

Prints a cases file (YAML) made from the calls of a recorded run (a --record file) or a
traced one (a --trace .json file): each call's input becomes a case, and what it returned
becomes the case's 'expected' output.

Options:
  --call PATH   which calls: a name (summarize), a path of names (main > summarize), or one
                call key (main/2 > summarize); default: the run's entry
  -h, --help    show this help

Calls that cannot become cases (they failed, or the recording does not hold their input)
are listed on stderr.
`;
