/**
 * @module Writes a cases file (YAML), as `cases-from` prints it.
 */
import { stringify } from "yaml";
import type { CasesFromCalls } from "./cases-from-calls.js";

/** The YAML of the cases, with a header that says where they came from. */
export function formatCasesFile(made: CasesFromCalls, source: string): string {
  const header = [
    `# Cases for '${made.target}' from ${source}: each recorded call's input, and what it`,
    "# returned as 'expected' (a case with no checks must equal it). Add checks as you need:",
    "# contains, matches, json_schema, predicate, judge. Format: docs/evals.md.",
    "",
  ].join("\n");
  const body = stringify(
    {
      target: made.target,
      cases: made.cases.map(({ name, input, expected, from }) => ({ name, input, expected, from })),
    },
    { lineWidth: 0, aliasDuplicateObjects: false },
  );
  return `${header}${body}`;
}
