/**
 * @module Writes a cases file (YAML), as `cases-from` prints it.
 */
import { stringify } from "yaml";
import type { CasesFromCalls } from "./cases-from-calls.js";

/** The YAML of the cases, with a header that says how they were made (`command`). */
export function formatCasesFile(made: CasesFromCalls, command: string): string {
  const header = [
    `# Made with: ${command}`,
    `# Each case is a recorded call of '${made.target}': its input, and what it returned as`,
    "# 'expected' (a case without checks must equal it). Add checks as you need: contains,",
    "# matches, json_schema, predicate, judge. Format: docs/evals.md.",
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
